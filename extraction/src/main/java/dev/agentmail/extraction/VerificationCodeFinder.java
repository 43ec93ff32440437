package dev.agentmail.extraction;

import dev.agentmail.extraction.Vocabulary.Kind;
import dev.agentmail.extraction.Vocabulary.Label;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * Finds the code a person would type from a sign-up, sign-in, reset, two-factor or pairing mail.
 *
 * <p>A candidate has the shape of a code (4-8 digits, or 4-10 capitals and digits, maybe in groups) and is named
 * by a word that names a code: in its sentence ("Your code is 4829 13", "コードは 482913 です"), right after it
 * ("482913 is your code"), or, when it stands on a line of its own as layouts set codes, on the line that
 * introduces it. A label names the first number after it, so in "the code for order 1002345 is 318264" the order
 * takes its own number and the code the other. Numbers typed as something else never qualify: amounts, dates,
 * times, phone numbers, postal codes, masked card digits, order and reference numbers, promotion codes, and every
 * number of a meeting invitation. When two different codes are equally likely, or none is named, it finds nothing.
 */
final class VerificationCodeFinder {
    record Found(String code, String sentence) {
    }

    /** A code and how likely it is the one; a negative score marks a string the mail names as something else. */
    private record Candidate(String code, String sentence, int score) {
    }

    private static final int TYPED_OTHERWISE = -1;

    /** One of the shapes codes are printed in; the boundaries are checked apart, as they depend on the script. */
    private static final Pattern INLINE = Pattern.compile(
        "\\d{3,4}[ -]\\d{3,4}|[A-Za-z0-9]{3,5}-[A-Za-z0-9]{3,5}|[A-Za-z0-9]{4,10}");
    /** "Code: 48 29 13": a label, a colon, and groups that run to the end of the line spell one code. */
    private static final Pattern LABELLED_GROUPS = Pattern.compile("(.*[:：]\\s*)([A-Za-z0-9]+(?:[ -][A-Za-z0-9]+){1,9})[\\s.!。]*");
    private static final Pattern NUMBER = Pattern.compile("[\\p{L}\\p{N}]*\\p{N}[\\p{L}\\p{N}]*(?:[.,:/ -]\\p{N}+)*");
    private static final Pattern US_STATE_BEFORE = Pattern.compile("\\b[A-Z]{2} $");
    private static final Pattern CITY_AFTER = Pattern.compile("^ [A-Z\\p{Lu}][\\p{Ll}]+");
    private static final Pattern CURRENCY_BEFORE = Pattern.compile("(?i)([$€£¥₹₩₽]|\\b(usd|eur|gbp|chf|jpy|usdt|btc|r\\$|rs\\.?|inr|sek|pln|try))\\s?$");
    private static final Pattern CURRENCY_AFTER = Pattern.compile("(?i)^\\s?([$€£¥₹₩₽%]|(usd|eur|gbp|chf|jpy|usdt|btc|kr|zł|pln|sek|try|円|元|원)\\b)");
    private static final Pattern DIRECT = Pattern.compile("^[\\s\\p{L}]{0,14}[:：=]?\\s*$");
    private static final String SENTENCE_ENDS = ".!?。！？";
    private static final Pattern LEGAL = Pattern.compile("(?i)©|\\(c\\) ?\\d{4}|copyright|all rights reserved");
    /** Characters that, right before a candidate, make it part of something else: "#1234", "$1234", "+4930", "v1.2345". */
    private static final String JOINING_BEFORE = "#$€£¥₹+@._/,*-〒№\\'";
    private static final String JOINING_AFTER = "@_/%-\\'";
    private static final int LINES_BACK = 3;

    private VerificationCodeFinder() {
    }

    /** The code of a mail read as its subject and one or more renderings of its body (HTML as seen, plain text). */
    static Optional<Found> find(String subject, List<List<String>> readings) {
        List<LabelledLines> labelled = readings.stream().map(LabelledLines::new).toList();
        StringBuilder all = new StringBuilder(Vocabulary.lower(subject));
        for (LabelledLines lines : labelled) {
            for (int i = 0; i < lines.size(); i++) {
                all.append('\n').append(lines.lower(i));
            }
        }
        if (Vocabulary.containsAny(all.toString(), Vocabulary.MEETING_WORDS)) {
            return Optional.empty();
        }
        List<Candidate> found = new ArrayList<>();
        for (LabelledLines lines : labelled) {
            for (int i = 0; i < lines.size(); i++) {
                found.addAll(candidates(lines, i, false));
            }
        }
        found.addAll(candidates(new LabelledLines(List.of(subject.strip())), 0, true));
        // A string the mail names as an order, a promotion or a phone somewhere is that everywhere.
        Set<String> typedOtherwise = new HashSet<>();
        found.stream().filter(candidate -> candidate.score == TYPED_OTHERWISE).forEach(candidate -> typedOtherwise.add(candidate.code));
        Candidate best = null;
        boolean tie = false;
        for (Candidate candidate : found) {
            if (candidate.score == TYPED_OTHERWISE || typedOtherwise.contains(candidate.code)) {
                continue;
            }
            if (best == null || candidate.score > best.score) {
                best = candidate;
                tie = false;
            } else if (candidate.score == best.score && !candidate.code.equals(best.code)) {
                tie = true;
            }
        }
        return best == null || tie ? Optional.empty() : Optional.of(new Found(best.code, best.sentence));
    }

    private static List<Candidate> candidates(LabelledLines lines, int index, boolean inSubject) {
        String line = lines.line(index);
        List<Candidate> found = new ArrayList<>();
        if (legal(lines.lower(index), line)) {
            return found;
        }
        String bare = unframed(line);
        if (standalone(bare)) {
            String code = groupedCode(bare);
            if (code != null) {
                Naming naming = namedFromLinesBefore(lines, index);
                if (naming != null && naming.kind == Kind.CODE && !naming.promotional) {
                    found.add(new Candidate(code, naming.line + " " + bare, score(code, true, true, inSubject)));
                } else if (naming != null) {
                    found.add(new Candidate(code, bare, TYPED_OTHERWISE));
                }
                return found;
            }
        }
        if (line.indexOf('-') < 0 && line.chars().noneMatch(Character::isDigit)) {
            return found;
        }
        // Only a label in the sentence names a candidate: without one, none of the line's numbers can be a code.
        boolean runsOn = index > 0 && !lines.line(index - 1).isEmpty() && !endsSentence(lines.line(index - 1));
        if (!lines.mayHoldLabels(runsOn ? index - 1 : index, index)) {
            return found;
        }
        Sentence sentence = Sentence.of(lines, index, runsOn);
        if (sentence.labels.isEmpty()) {
            return found;
        }
        Matcher labelled = LABELLED_GROUPS.matcher(line);
        if (labelled.matches()) {
            String code = groupedCode(labelled.group(2));
            Naming naming = code == null ? null : namedInSentence(sentence, labelled.start(2), labelled.end(2));
            if (naming != null && naming.kind == Kind.CODE && naming.direct && !naming.promotional) {
                found.add(new Candidate(code, line, score(code, false, true, inSubject)));
                return found;
            }
        }
        Matcher matcher = INLINE.matcher(line);
        while (matcher.find()) {
            int start = matcher.start();
            int end = matcher.end();
            String raw = matcher.group();
            String code = raw.replaceAll("[ -]", "");
            if (!bounded(line, start, end) || typedAsSomethingElse(line, start, end, raw)) {
                continue;
            }
            Naming naming = namedInSentence(sentence, start, end);
            if (naming == null) {
                continue;
            }
            if (naming.kind != Kind.CODE || naming.promotional) {
                found.add(new Candidate(code, line, TYPED_OTHERWISE));
                continue;
            }
            boolean direct = naming.direct;
            if (!shape(code, direct) || isYear(code) && !direct) {
                continue;
            }
            found.add(new Candidate(code, line, score(code, false, direct, inSubject)));
        }
        return found;
    }

    /** Every line is checked, so the regular expression runs only where one of its words could be. */
    private static boolean legal(String lower, String line) {
        return (lower.indexOf('©') >= 0 || lower.contains("(c") || lower.contains("copyright")
            || lower.contains("all rights reserved")) && LEGAL.matcher(line).find();
    }

    /** The line without the quotes, brackets, stars and white space around its content. */
    private static String unframed(String line) {
        int start = 0;
        while (start < line.length() && opensFrame(line.codePointAt(start))) {
            start += Character.charCount(line.codePointAt(start));
        }
        int end = line.length();
        while (end > start && closesFrame(line.codePointBefore(end))) {
            end -= Character.charCount(line.codePointBefore(end));
        }
        return line.substring(start, end);
    }

    /**
     * Whether the text holds nothing but a code, maybe grouped or letter-spaced: "482 913", "4 8 2 9 1 3",
     * "WDJB-MJHT": at most ten groups of ASCII letters and digits, one space or hyphen between two. Every line with
     * a digit is asked, so this is a loop rather than a regular expression that backtracks through long lines.
     */
    private static boolean standalone(String text) {
        int separators = 0;
        boolean afterSeparator = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                if (afterSeparator || ++separators > 9) {
                    return false;
                }
                afterSeparator = true;
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                afterSeparator = false;
            } else {
                return false;
            }
        }
        return !afterSeparator;
    }

    private static boolean opensFrame(int c) {
        int type = Character.getType(c);
        return regexSpace(c) || type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
            || "\"'*:".indexOf(c) >= 0;
    }

    private static boolean closesFrame(int c) {
        int type = Character.getType(c);
        return regexSpace(c) || type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
            || "\"'*.!。".indexOf(c) >= 0;
    }

    /** What {@code \\s} matches. */
    private static boolean regexSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Ends in a full stop, exclamation or question mark, before a line break if there is one. */
    private static boolean endsSentence(String line) {
        int end = line.length();
        if (line.endsWith("\r\n")) {
            end -= 2;
        } else if (end > 0 && "\n\r\u0085\u2028\u2029".indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return end > 0 && SENTENCE_ENDS.indexOf(line.charAt(end - 1)) >= 0;
    }

    private static int score(String code, boolean standalone, boolean direct, boolean inSubject) {
        int score = 10;
        if (standalone) {
            score += 3;
        }
        if (direct) {
            score += 2;
        }
        if (code.length() == 6) {
            score += 1;
        }
        if (inSubject) {
            score -= 1;
        }
        return score;
    }

    /** The code a standalone line spells: one group, equal groups ("482 913", "48 29 13"), or letter-spaced. */
    private static String groupedCode(String bare) {
        String[] groups = bare.split("[ -]");
        String joined = String.join("", groups);
        boolean single = groups.length == 1;
        boolean spacedOut = groups.length >= 4 && bare.matches("[A-Za-z0-9]( [A-Za-z0-9])+");
        boolean equalGroups = groups.length <= 4;
        for (String group : groups) {
            equalGroups &= group.length() == groups[0].length() && group.length() >= 2;
        }
        if (!(single || spacedOut || equalGroups)) {
            return null;
        }
        boolean device = groups.length == 2 && bare.matches("[A-Z]{4}-[A-Z]{4}");
        return device || shape(joined, false) && !isYear(joined) ? joined : null;
    }

    /** Digits 4-8; capitals and digits 4-10 with both; mixed case or letters only where the words name it directly. */
    private static boolean shape(String code, boolean direct) {
        if (code.matches("\\d{4,8}")) {
            return true;
        }
        boolean digit = code.chars().anyMatch(Character::isDigit);
        boolean upper = code.chars().anyMatch(Character::isUpperCase);
        boolean lowerCase = code.chars().anyMatch(Character::isLowerCase);
        if (code.length() < 4 || code.length() > 10) {
            return false;
        }
        if (digit && upper && !lowerCase) {
            return true;
        }
        if (direct && code.length() >= 6 && digit && upper && lowerCase) {
            return true;
        }
        return direct && code.length() == 8 && code.matches("[A-Z]{8}");
    }

    private static boolean isYear(String code) {
        return code.matches("(19|20)\\d\\d");
    }

    /** Whether the candidate stands apart from the text around it, in the way of its script. */
    private static boolean bounded(String line, int start, int end) {
        if (start > 0) {
            char before = line.charAt(start - 1);
            if (joinsWord(before) || JOINING_BEFORE.indexOf(before) >= 0
                || before == ':' && start > 1 && Character.isDigit(line.charAt(start - 2))) {
                return false;
            }
        }
        if (end < line.length()) {
            char after = line.charAt(end);
            boolean digitFollows = end + 1 < line.length() && Character.isDigit(line.charAt(end + 1));
            if (joinsWord(after) || JOINING_AFTER.indexOf(after) >= 0 || (after == ':' || after == '.' || after == ',') && digitFollows) {
                return false;
            }
        }
        return true;
    }

    /** Letters and digits join a candidate to a word; letters of scripts written without spaces do not. */
    private static boolean joinsWord(char c) {
        if (Character.isDigit(c)) {
            return true;
        }
        if (!Character.isLetter(c)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
            && script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.HANGUL
            && script != Character.UnicodeScript.THAI;
    }

    /** Amounts, parts of longer grouped numbers (phones, IBANs), postal codes after a state or before a city. */
    private static boolean typedAsSomethingElse(String line, int start, int end, String raw) {
        String before = line.substring(0, start);
        String after = line.substring(end);
        if (CURRENCY_BEFORE.matcher(before).find() || CURRENCY_AFTER.matcher(after).find()) {
            return true;
        }
        if (raw.chars().allMatch(c -> Character.isDigit(c) || c == ' ' || c == '-')) {
            if (before.matches("(?s).*[\\d)][ -]$") || after.matches("(?s)^[ -]\\d.*")) {
                return true;
            }
            if (US_STATE_BEFORE.matcher(before).find() || CITY_AFTER.matcher(after).find() && line.matches("(?s).*[,·|].*")) {
                return true;
            }
        }
        return false;
    }

    private record Naming(Kind kind, boolean direct, boolean promotional, String line) {
    }

    /**
     * The label that names a candidate inside its sentence (its line, and the line before when the sentence runs on
     * from it). Labels name the numbers after them in turn, so the candidate gets the latest label no number in
     * between took; failing that, a code word right after it.
     */
    /** A line with the line before when its sentence runs on from there, lower-cased, with its labels. */
    private record Sentence(String text, String lower, int offset, List<Label> labels) {
        static Sentence of(LabelledLines lines, int index, boolean runsOn) {
            String prefix = runsOn ? lines.line(index - 1) + " " : "";
            String lower = runsOn ? lines.lower(index - 1) + " " + lines.lower(index) : lines.lower(index);
            return new Sentence(prefix + lines.line(index), lower, prefix.length(), Vocabulary.labels(lower));
        }
    }

    /**
     * The label that names a candidate inside its sentence. Labels name the numbers after them in turn, so the
     * candidate gets the latest label no number in between took; failing that, a code word right after it.
     */
    private static Naming namedInSentence(Sentence sentence, int start, int end) {
        String lower = sentence.lower;
        List<Label> labels = sentence.labels;
        int from = sentence.offset + start;
        int to = sentence.offset + end;
        boolean promotional = labels.stream().anyMatch(label -> label.kind() == Kind.PROMOTION);
        Label before = openLabelBefore(lower, labels, from);
        if (before != null) {
            return new Naming(before.kind(), direct(lower, before, from), promotional, sentence.text);
        }
        for (Label label : labels) {
            if (label.start() >= to && label.kind() != Kind.PROMOTION) {
                String between = lower.substring(to, label.start());
                if (between.length() <= 30 && !NUMBER.matcher(between).find()) {
                    return new Naming(label.kind(), false, promotional, sentence.text);
                }
                break;
            }
        }
        return null;
    }

    private static boolean direct(String lower, Label label, int position) {
        return DIRECT.matcher(lower.substring(label.end(), position)).matches();
    }

    /**
     * The label still open at the position. A number takes the latest open label, except that numbers which cannot
     * be codes (short ones, amounts, times, dates) take only labels of other numbers; field words ("Account:")
     * label only the number right after them.
     */
    private static Label openLabelBefore(String lower, List<Label> labels, int position) {
        Deque<Label> open = new ArrayDeque<>();
        int next = 0;
        Matcher number = NUMBER.matcher(lower.substring(0, position));
        while (number.find()) {
            while (next < labels.size() && labels.get(next).start() < number.start()) {
                pushLabel(lower, open, labels.get(next++));
            }
            if (insideLabel(labels, number.start())) {
                continue;
            }
            dropFarFields(lower, open, number.start());
            if (!open.isEmpty() && (open.peek().kind() != Kind.CODE || couldBeCode(number.group()))) {
                open.pop();
            }
        }
        while (next < labels.size() && labels.get(next).end() <= position) {
            pushLabel(lower, open, labels.get(next++));
        }
        dropFarFields(lower, open, position);
        return open.peek();
    }

    private static void dropFarFields(String lower, Deque<Label> open, int position) {
        while (!open.isEmpty() && open.peek().kind() == Kind.FIELD && !direct(lower, open.peek(), position)) {
            open.pop();
        }
    }

    private static boolean couldBeCode(String number) {
        String compact = number.replaceAll("[ -]", "");
        return compact.length() >= 4 && compact.length() <= 10 && compact.matches("[\\p{L}\\p{N}]+");
    }

    /** Promotion words mark the sentence, they name nothing; field words count at the start of a field only. */
    private static void pushLabel(String lower, Deque<Label> open, Label label) {
        if (label.kind() == Kind.PROMOTION) {
            return;
        }
        if (label.kind() == Kind.FIELD && !startsField(lower, label.start())) {
            return;
        }
        open.push(label);
    }

    /** "Account: ", "· Request ID ": at most one word between the field word and the start of its clause. */
    private static boolean startsField(String lower, int start) {
        int clause = start;
        while (clause > 0 && "\n.·|,;:!?()•–—".indexOf(lower.charAt(clause - 1)) < 0) {
            clause--;
        }
        String words = lower.substring(clause, start).strip();
        return words.isEmpty() || words.split("\\s+").length <= 1;
    }

    private static boolean insideLabel(List<Label> labels, int position) {
        return labels.stream().anyMatch(label -> label.start() <= position && position < label.end());
    }

    /** For a line that holds only a code: the first line above with a label names it, as the layout introduces it. */
    private static Naming namedFromLinesBefore(LabelledLines lines, int index) {
        for (int i = index - 1, seen = 0; i >= 0 && seen < LINES_BACK; i--, seen++) {
            String lower = lines.lower(i);
            List<Label> labels = Vocabulary.labels(lower);
            if (labels.isEmpty() && !NUMBER.matcher(lower).find()) {
                continue;
            }
            Label open = openLabelBefore(lower, labels, lower.length());
            boolean promotional = labels.stream().anyMatch(label -> label.kind() == Kind.PROMOTION);
            return open == null ? null : new Naming(open.kind(), true, promotional, lines.line(i));
        }
        return null;
    }
}
