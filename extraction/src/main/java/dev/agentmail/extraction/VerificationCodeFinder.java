package dev.agentmail.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code a person would type from a sign-up or login mail. A candidate must stand near a word that names a
 * code (in one of several languages) and away from words that name other numbers (orders, prices, phones,
 * tracking); years, dates, times, prices and longer numbers never qualify. When unsure it finds nothing.
 */
final class VerificationCodeFinder {
    record Found(String code, String sentence) {
    }

    private static final List<String> KEYWORDS = List.of("code", "otp", "passcode", "pass code", "pin", "one-time",
        "one time", "verification", "verify", "security", "2fa", "two-factor", "authentication", "login", "log in",
        "sign in", "sign-in", "token", "código", "codigo", "verificación", "verificacion", "verificação", "codice",
        "verifica", "bestätigungscode", "bestaetigungscode", "sicherheitscode", "bestätigung", "anmeldecode", "vérification",
        "verificatiecode", "verificatie", "код", "подтвержд", "验证码", "校验码", "动态码", "確認コード", "認証コード",
        "認証番号", "確認番号", "ワンタイム", "인증번호", "인증 코드", "인증코드", "확인 코드", "kod", "koodi");
    private static final List<String> NEGATIVE = List.of("order", "invoice", "receipt", "tracking", "track", "total",
        "price", "amount", "subtotal", "tax", "phone", "tel", "call", "fax", "zip", "postal", "postcode", "ref",
        "reference", "account number", "card ending", "ending in", "qty", "quantity", "sku", "item", "booking",
        "reservation", "flight", "ticket", "case", "confirmation number", "customer number", "member", "shipment",
        "package", "parcel", "delivery", "street", "suite", "floor", "bestellung", "rechnung", "pedido", "factura",
        "commande", "facture", "заказ", "订单", "注文", "주문", "$", "€", "£", "¥", "usd", "eur");
    /** What may follow a code: not more of a number, but the end of a sentence may ("... is 847293."). */
    private static final String END = "(?![\\p{L}\\p{N},:/%_-]|\\.[\\p{L}\\p{N}])";
    private static final Pattern NUMERIC_SPLIT = Pattern.compile(
        "(?<![\\p{L}\\p{N}#$€£¥.,:/()+_-])(?<!\\d[ -])(\\d{3,4})[ -](\\d{3,4})" + END + "(?![ -]\\d)");
    private static final Pattern NUMERIC = Pattern.compile(
        "(?<![\\p{L}\\p{N}#$€£¥.,:/()+_-])(\\d{4,8})" + END);
    private static final Pattern ALPHANUMERIC = Pattern.compile(
        "(?<![\\p{L}\\p{N}#$€£¥.,:/_-])([A-Z0-9]{3,5}-[A-Z0-9]{3,5}|[A-Z0-9]{4,10})" + END);
    private static final int MINIMUM_SCORE = 3;
    private static final int NEARBY = 2;

    private VerificationCodeFinder() {
    }

    static Optional<Found> find(String subject, String text, Set<String> emphasized) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            lines.add(line.strip());
        }
        boolean subjectNamesACode = containsAny(subject.toLowerCase(Locale.ROOT), KEYWORDS);
        Candidate best = null;
        for (int i = 0; i < lines.size(); i++) {
            for (Candidate candidate : candidates(lines, i, subjectNamesACode, emphasized)) {
                if (best == null || candidate.score > best.score) {
                    best = candidate;
                }
            }
        }
        if (best == null) {
            for (Candidate candidate : candidates(List.of(subject), 0, false, Set.of())) {
                if (best == null || candidate.score > best.score) {
                    best = candidate;
                }
            }
        }
        return best == null || best.score < MINIMUM_SCORE ? Optional.empty()
            : Optional.of(new Found(best.code, best.sentence));
    }

    private record Candidate(String code, String sentence, int score) {
    }

    private static List<Candidate> candidates(List<String> lines, int index, boolean subjectNamesACode, Set<String> emphasized) {
        String line = lines.get(index);
        List<Candidate> found = new ArrayList<>();
        for (Pattern pattern : List.of(NUMERIC_SPLIT, NUMERIC, ALPHANUMERIC)) {
            Matcher matcher = pattern.matcher(line);
            while (matcher.find()) {
                String raw = matcher.group();
                String code = raw.replaceAll("[ -]", "");
                if (!plausible(code)) {
                    continue;
                }
                int score = score(lines, index, matcher.start(), matcher.end(), raw, code, subjectNamesACode, emphasized);
                found.add(new Candidate(code, sentence(lines, index, raw), score));
            }
        }
        return found;
    }

    private static boolean plausible(String code) {
        boolean digits = code.chars().anyMatch(Character::isDigit);
        boolean letters = code.chars().anyMatch(Character::isLetter);
        if (!digits) {
            return false;
        }
        if (!letters) {
            if (code.length() < 4 || code.length() > 8) {
                return false;
            }
            int value = code.length() == 4 ? Integer.parseInt(code) : -1;
            // A year is a date, not a code.
            return !(value >= 1900 && value <= 2099) && !code.chars().allMatch(c -> c == code.charAt(0));
        }
        return code.length() >= 4 && code.length() <= 10;
    }

    private static int score(List<String> lines, int index, int start, int end, String raw, String code,
                             boolean subjectNamesACode, Set<String> emphasized) {
        String line = lines.get(index).toLowerCase(Locale.ROOT);
        String before = line.substring(0, start);
        String after = line.substring(end);
        int score = 0;
        if (containsAny(before, KEYWORDS)) {
            score += 3;
        } else if (containsAny(after, KEYWORDS)) {
            score += 2;
        } else if (containsAny(nearby(lines, index), KEYWORDS)) {
            score += 2;
        }
        if (subjectNamesACode) {
            score += 1;
        }
        if (line.equals(raw.toLowerCase(Locale.ROOT)) || line.equals(code.toLowerCase(Locale.ROOT))) {
            score += 2;
        }
        if (emphasized.contains(raw) || emphasized.contains(code)) {
            score += 1;
        }
        if (containsAny(before.length() > 40 ? before.substring(before.length() - 40) : before, NEGATIVE)
            || containsAny(after.length() > 15 ? after.substring(0, 15) : after, NEGATIVE)) {
            score -= 5;
        }
        if (code.length() == 6) {
            score += 1;
        }
        return score;
    }

    private static String nearby(List<String> lines, int index) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, index - NEARBY); i < index; i++) {
            out.append(lines.get(i).toLowerCase(Locale.ROOT)).append('\n');
        }
        return out.toString();
    }

    /** The line the code stands on, or with the line that introduces it when it stands alone. */
    private static String sentence(List<String> lines, int index, String raw) {
        String line = lines.get(index);
        if (!line.equals(raw)) {
            return line;
        }
        for (int i = index - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i) + " " + raw;
            }
        }
        return line;
    }

    private static boolean containsAny(String text, List<String> words) {
        for (String word : words) {
            int at = text.indexOf(word);
            while (at >= 0) {
                boolean startsWord = at == 0 || !Character.isLetter(text.charAt(at - 1)) || !Character.isLetter(word.charAt(0));
                int endIndex = at + word.length();
                boolean endsWord = endIndex >= text.length() || !Character.isLetter(text.charAt(endIndex))
                    || !Character.isLetter(word.charAt(word.length() - 1)) || word.length() > 6;
                if (startsWord && endsWord) {
                    return true;
                }
                at = text.indexOf(word, at + 1);
            }
        }
        return false;
    }
}
