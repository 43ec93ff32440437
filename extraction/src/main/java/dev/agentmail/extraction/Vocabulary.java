package dev.agentmail.extraction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words around numbers in mail, in many languages: the ones that name a code a person types, and the ones that
 * name every other kind of number (orders, amounts, phones, addresses, references, meetings, promotions).
 * Matching is on lower-cased text; words of languages without spaces match anywhere.
 */
final class Vocabulary {
    enum Kind { CODE, FIELD, OTHER_NUMBER, PROMOTION }

    record Label(int start, int end, Kind kind) {
    }

    /** Words that name a code. Latin-script stems here match at word starts; compound suffixes are listed apart. */
    static final List<String> CODE_WORDS = List.of(
        // English and the Latin-script languages
        "verification code", "security code", "login code", "sign-in code", "signin code", "one-time", "one time",
        "otp", "passcode", "pass code", "pin", "tan", "2fa", "two-factor", "authentication code", "access code",
        "activation code", "confirmation code", "code", "token",
        "código", "codigo", "codice", "cod", "kod", "kód", "kode", "koodi", "kodu",
        "einmalpasswort", "einmal-passwort", "mã", "ellenőrző",
        // Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai
        "код", "κωδικ", "رمز", "קוד", "कोड", "ओटीपी", "รหัส",
        // Chinese, Japanese, Korean
        "验证码", "驗證碼", "校验码", "动态码", "确认码", "認證碼", "認証コード", "確認コード", "コード", "認証番号", "確認番号",
        "ワンタイム", "인증번호", "인증 번호", "인증 코드", "인증코드", "확인 코드", "보안 코드", "코드");
    /** Code words that end compounds: Bestätigungscode, verificatiecode, verifieringskod, vahvistuskoodisi. */
    private static final List<String> COMPOUND_ENDINGS = List.of("code", "kod", "koodi", "kód");
    private static final List<String> INFLECTIONS = List.of("", "s", "es", "a", "e", "u", "n", "en", "а", "у", "ы",
        "ом", "ов", "ă", "ului");
    /** Short code words that take endings: kodu, codul, kodunuz, kódu, codes. */
    private static final List<String> INFLECTED = List.of("code", "kod", "kód", "cod", "kode", "kodu");

    /** Words that name other numbers wherever they stand. "zip code" and "promo code" outrank the "code" inside them. */
    static final List<String> OTHER_NUMBER_WORDS = List.of(
        "order", "invoice", "receipt", "reference", "ref", "tracking", "track", "shipment", "parcel", "booking",
        "reservation", "confirmation number", "ticket", "claim", "flight", "sku", "qty", "quantity", "serial", "iban",
        "bic", "swift", "vat", "tax", "phone", "tel", "telephone", "fax", "hotline", "whatsapp", "zip", "zip code",
        "zipcode", "postal", "postal code", "postcode", "post code", "plz", "cep", "suite", "apt", "total", "amount",
        "price", "balance", "subtotal", "due", "paid", "fee", "meter", "card ending", "ending in", "area code",
        "country code", "sort code", "barcode", "bar code", "qr code", "error code", "status code", "product code",
        "item code", "tracking code", "booking code", "reservation code", "decode", "encode", "unicode", "isbn",
        "auftragsnummer", "bestellnummer", "bestellung", "rechnung", "rechnungsnummer", "sendungsnummer", "kundennummer",
        "telefon", "endziffern", "betrag", "summe", "pedido", "factura", "número de pedido", "teléfono", "telefone",
        "telefono", "commande", "facture", "téléphone", "ordine", "fattura", "bestelling", "factuur", "trackingnummer",
        "zamówienie", "faktura", "sipariş", "fatura", "заказ", "счёт", "телефон", "订单", "单号", "电话", "金额", "注文",
        "伝票番号", "電話", "合計", "주문", "송장", "전화", "금액", "طلب", "هاتف", "הזמנה", "טלפון");
    /**
     * Words that name a number only as the label of a field ("Account: ****3524", "Request ID 8971"), not when a
     * sentence merely mentions them ("pair it with your account: 428121").
     */
    static final List<String> FIELD_WORDS = List.of("account", "customer", "member", "id", "case", "seat", "gate",
        "item", "model", "mobile", "call", "floor", "number", "no.", "nr.", "nº", "n°", "ending", "ip", "version",
        "build", "step", "room", "table", "ext", "unit", "package", "numéro", "número", "numero", "numer", "номер",
        "konto", "compte", "cuenta", "conta", "счет");
    /** Words of promotions: a discount code is typed too, but it verifies nothing. */
    static final List<String> PROMOTION_WORDS = List.of("promo", "promotion", "coupon", "discount", "voucher", "% off",
        "off your", "sale", "checkout", "shop", "gift card", "referral", "gutschein", "rabatt", "réduction", "remise",
        "descuento", "cupón", "sconto", "cupom", "desconto", "korting", "rabat", "indirim", "скидк", "промокод",
        "优惠", "割引", "クーポン", "할인", "쿠폰");
    /** Words only meeting invitations carry: their IDs, passcodes and PINs open a call, not an account. */
    static final List<String> MEETING_WORDS = List.of("meeting id", "meeting number", "conference id", "join zoom meeting",
        "zoom meeting", "join the meeting", "join meeting", "webex", "microsoft teams meeting", "dial-in", "dial in",
        "dial by your location", "one tap mobile", "phone conference id", "host pin", "besprechungs-id",
        "id de réunion", "id de reunión", "id riunione", "会议号", "会議id", "ミーティングid", "회의 id");
    /** Whether each word is set off by spaces, worked out once: the Unicode script lookup is a binary search. */
    private static final Map<String, Boolean> SPACED = new ConcurrentHashMap<>();
    private static final int PAIR_SLOTS = 1 << 12;

    private record Entry(String word, Kind kind, boolean spaced) {
    }

    /**
     * The label words by their first two characters, hashed as {@link #pairSlot} does: {@link #labels} reads a line
     * once and tries at each position only the few words that can start there, instead of searching the line for
     * each of the hundreds of words (every line of every mail is read this way).
     */
    private static final Entry[][] BY_FIRST_PAIR = byFirstPair(Map.of(Kind.CODE, CODE_WORDS,
        Kind.OTHER_NUMBER, OTHER_NUMBER_WORDS, Kind.FIELD, FIELD_WORDS, Kind.PROMOTION, PROMOTION_WORDS));

    private Vocabulary() {
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    static boolean containsAny(String lowerText, List<String> words) {
        BitSet pairs = pairs(lowerText);
        for (String word : words) {
            if (mayContain(pairs, word) && indexOfWord(lowerText, word, 0) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Every code word and other-number word in the text, the longest one wherever two overlap. */
    static List<Label> labels(String lowerText) {
        return longest(everyLabel(lowerText));
    }

    /**
     * Every label word in the text, overlapping ones included, in the order they start. The words a part of the text
     * holds are the ones of the whole that lie inside it, as long as the part is set off by characters that are not
     * letters: the checks at a word's ends see no letter either way.
     */
    static List<Label> everyLabel(String lowerText) {
        List<Label> found = new ArrayList<>();
        for (int at = 0; at + 1 < lowerText.length(); at++) {
            Entry[] entries = BY_FIRST_PAIR[pairSlot(lowerText.charAt(at), lowerText.charAt(at + 1))];
            if (entries == null) {
                continue;
            }
            for (Entry entry : entries) {
                String word = entry.word;
                if (lowerText.startsWith(word, at) && (!entry.spaced || isWordAt(lowerText, word, at))
                    && (entry.kind == Kind.CODE || entry.kind == Kind.PROMOTION
                    || endsInflected(lowerText, at + word.length()))) {
                    found.add(new Label(at, at + word.length(), entry.kind));
                }
            }
        }
        return found;
    }

    private static List<Label> longest(List<Label> found) {
        List<Label> kept = new ArrayList<>();
        for (Label label : found) {
            boolean outranked = false;
            for (Label other : found) {
                boolean overlaps = other.start < label.end && label.start < other.end;
                if (other != label && overlaps && (other.end - other.start > label.end - label.start
                    || other.end - other.start == label.end - label.start && other.kind.ordinal() > label.kind.ordinal())) {
                    outranked = true;
                    break;
                }
            }
            if (!outranked) {
                kept.add(label);
            }
        }
        kept.sort((a, b) -> Integer.compare(a.start, b.start));
        return kept;
    }

    /**
     * The pairs of adjacent characters in the text, hashed into a small set: a word whose first two characters are
     * not among them is not in the text, so most words are ruled out without a search.
     */
    private static BitSet pairs(String text) {
        BitSet pairs = new BitSet(PAIR_SLOTS);
        for (int i = 0; i + 1 < text.length(); i++) {
            pairs.set(pairSlot(text.charAt(i), text.charAt(i + 1)));
        }
        return pairs;
    }

    private static Entry[][] byFirstPair(Map<Kind, List<String>> words) {
        List<List<Entry>> slots = new ArrayList<>();
        for (int slot = 0; slot < PAIR_SLOTS; slot++) {
            slots.add(new ArrayList<>());
        }
        words.forEach((kind, list) -> list.forEach(word -> {
            if (word.length() < 2) {
                throw new IllegalStateException("a label word needs two characters at least: " + word);
            }
            slots.get(pairSlot(word.charAt(0), word.charAt(1))).add(new Entry(word, kind, spaced(word)));
        }));
        Entry[][] table = new Entry[PAIR_SLOTS][];
        for (int slot = 0; slot < PAIR_SLOTS; slot++) {
            table[slot] = slots.get(slot).isEmpty() ? null : slots.get(slot).toArray(Entry[]::new);
        }
        return table;
    }

    private static int pairSlot(char first, char second) {
        return (first * 31 + second) & (PAIR_SLOTS - 1);
    }

    private static boolean mayContain(BitSet pairs, String word) {
        return word.length() < 2 || pairs.get(pairSlot(word.charAt(0), word.charAt(1)));
    }

    /**
     * Words of other numbers are listed whole: they match with a plural or case ending at most, so the brand
     * "Parcelly" is no parcel.
     */
    private static boolean endsInflected(String text, int end) {
        int wordEnd = end;
        while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))
            && Character.UnicodeScript.of(text.charAt(wordEnd)) != Character.UnicodeScript.HAN) {
            wordEnd++;
        }
        return INFLECTIONS.contains(text.substring(end, wordEnd));
    }

    /**
     * Where the word starts in the text, at a word start (or inside a compound for the endings that form them).
     * Words of four letters or fewer must end where a word ends too, so "tan" is not "Tandem" nor "pin" "pink",
     * unless they take endings ("kodu", "codul", "codes").
     */
    static int indexOfWord(String text, String word, int from) {
        int at = text.indexOf(word, from);
        boolean spaced = at >= 0 && spaced(word);
        while (at >= 0) {
            if (!spaced || isWordAt(text, word, at)) {
                return at;
            }
            at = text.indexOf(word, at + 1);
        }
        return -1;
    }

    /** Whether the word, found in the text at {@code at}, starts (and if short, ends) a word there. */
    private static boolean isWordAt(String text, String word, int at) {
        int end = at + word.length();
        boolean starts = at == 0 || !Character.isLetter(text.charAt(at - 1)) || !Character.isLetter(word.charAt(0))
            || COMPOUND_ENDINGS.contains(word);
        boolean ends = word.length() > 4 || INFLECTED.contains(word) || end >= text.length()
            || !Character.isLetter(text.charAt(end)) || !Character.isLetter(word.charAt(word.length() - 1));
        return starts && ends;
    }

    /**
     * Chinese, Japanese, Korean and Thai words are not set off by spaces, and Arabic and Hebrew words take their
     * articles and prepositions as prefixes (الرمز, בקוד): there is no word start to look for.
     */
    private static boolean spaced(String word) {
        return SPACED.computeIfAbsent(word, w -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(w.codePointAt(0));
            return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.HANGUL
                && script != Character.UnicodeScript.THAI && script != Character.UnicodeScript.ARABIC
                && script != Character.UnicodeScript.HEBREW;
        });
    }
}
