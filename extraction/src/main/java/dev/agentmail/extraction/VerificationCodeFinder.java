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
    /** Mixed-case codes ("mT4q8ZrW") look like words too: they count only right after a word naming a code. */
    private static final Pattern MIXED_CASE = Pattern.compile(
        "(?<![\\p{L}\\p{N}#$€£¥.,:/_-])([A-Za-z0-9]{3,5}-[A-Za-z0-9]{3,5}|[A-Za-z0-9]{6,10})" + END);
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
        for (Candidate candidate : candidates(List.of(subject), 0, subjectNamesACode, Set.of())) {
            if (best == null || candidate.score > best.score) {
                best = candidate;
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
        // Every code holds a digit; letters in upper case, or a word naming a code, decide whether the costlier
        // patterns can match at all. Most lines of a long mail end here.
        if (line.chars().noneMatch(Character::isDigit)) {
            return found;
        }
        List<Pattern> patterns = new ArrayList<>(List.of(NUMERIC_SPLIT, NUMERIC));
        if (line.chars().anyMatch(Character::isUpperCase)) {
            patterns.add(ALPHANUMERIC);
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if (KEYWORDS.stream().anyMatch(lower::contains)) {
            patterns.add(MIXED_CASE);
        }
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(line);
            while (matcher.find()) {
                String raw = matcher.group();
                String code = raw.replaceAll("[ -]", "");
                if (!plausible(code) || pattern == MIXED_CASE && !(mixedCase(code)
                    && directlyNamed(line.toLowerCase(Locale.ROOT).substring(0, matcher.start())))) {
                    continue;
                }
                boolean lettersToo = code.chars().anyMatch(Character::isLetter);
                if (pattern == ALPHANUMERIC && !lettersToo
                    || US_STATE_BEFORE.matcher(line.substring(0, matcher.start())).find()) {
                    continue;
                }
                int score = score(lines, index, matcher.start(), matcher.end(), raw, code, subjectNamesACode, emphasized);
                found.add(new Candidate(code, sentence(lines, index, raw), score));
            }
        }
        return found;
    }

    /** "NY 10004": a ZIP code after a US state, in an address line. */
    private static final Pattern US_STATE_BEFORE = Pattern.compile("\\b[A-Z]{2} $");
    private static final Pattern ASSIGNMENT = Pattern.compile("(\\bis|\\bist|\\best|\\bes|:|：|=|是|は)\\s*$");

    private static boolean mixedCase(String code) {
        return code.chars().anyMatch(Character::isUpperCase) && code.chars().anyMatch(Character::isLowerCase)
            && code.chars().anyMatch(Character::isDigit);
    }

    /** "... code is X" or "code: X": the words right before the candidate name a code. */
    private static boolean directlyNamed(String before) {
        String tail = before.length() > 30 ? before.substring(before.length() - 30) : before;
        return ASSIGNMENT.matcher(before).find() && containsAny(tail, KEYWORDS);
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
        String sentence = sentenceBefore(lines, index, start);
        boolean assigned = ASSIGNMENT.matcher(before).find() && containsAny(sentence, KEYWORDS)
            && keywordLeadsNegatives(sentence);
        if (assigned) {
            score += 1;
        }
        if (!assigned && (containsAny(before.length() > 40 ? before.substring(before.length() - 40) : before, NEGATIVE)
            || containsAny(after.length() > 15 ? after.substring(0, 15) : after, NEGATIVE))) {
            score -= 5;
        }
        if (code.length() == 6) {
            score += 1;
        }
        return score;
    }

    /** The sentence up to the candidate, across the line before: "Your OTP for ... card ending 4432 is ". */
    private static String sentenceBefore(List<String> lines, int index, int start) {
        String text = (index > 0 ? lines.get(index - 1) + " " : "") + lines.get(index).substring(0, start);
        String lower = text.toLowerCase(Locale.ROOT);
        int end = Math.max(Math.max(lower.lastIndexOf(". "), lower.lastIndexOf("! ")), Math.max(lower.lastIndexOf("? "), lower.lastIndexOf("。")));
        return end >= 0 ? lower.substring(end + 1) : lower;
    }

    /** Whether the sentence names a code before it names anything else ("code for order #1 is X", not "order code"). */
    private static boolean keywordLeadsNegatives(String sentence) {
        int keyword = firstIndex(sentence, KEYWORDS);
        int negative = firstIndex(sentence, NEGATIVE);
        return keyword >= 0 && (negative < 0 || keyword < negative);
    }

    private static int firstIndex(String text, List<String> words) {
        int first = -1;
        for (String word : words) {
            int at = text.indexOf(word);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private static String nearby(List<String> lines, int index) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, index - NEARBY); i < index; i++) {
            out.append(lines.get(i).toLowerCase(Locale.ROOT)).append('\n');
        }
        return out.toString();
    }

    /** Chinese, Japanese and Korean words are not set off by spaces: there is no word boundary to look for. */
    private static boolean unspaced(String word) {
        Character.UnicodeScript script = Character.UnicodeScript.of(word.codePointAt(0));
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
            || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
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
            if (at >= 0 && unspaced(word)) {
                return true;
            }
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
