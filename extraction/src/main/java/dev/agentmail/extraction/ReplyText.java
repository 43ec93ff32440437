package dev.agentmail.extraction;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The new text of a reply: what stands above the quoted history (the "On ... wrote:" line in several languages,
 * Outlook's original-message block, '>' quoting) and above the signature.
 */
final class ReplyText {
    private static final List<Pattern> QUOTE_HEADERS = List.of(
        Pattern.compile("^on\\b.{0,200}\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^am\\b.{0,200}\\bschrieb\\b.{0,200}:\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^le\\b.{0,200}\\ba écrit\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^el\\b.{0,200}\\bescribió:\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^em\\b.{0,200}\\bescreveu:\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^il\\b.{0,200}\\bha scritto:\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^op\\b.{0,200}\\bschreef\\b.{0,200}:\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE),
        Pattern.compile("^_{10,}\\s*$"),
        Pattern.compile("^(from|von|de|da|van):\\s.+$", Pattern.CASE_INSENSITIVE));
    private static final Pattern OUTLOOK_FIELD = Pattern.compile("^(sent|date|gesendet|envoyé|enviado|inviato|verzonden|to|an|à|para|a|aan|subject|betreff|objet|asunto|oggetto|onderwerp):\\s.*",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGNATURE = Pattern.compile("^(-- ?|sent from my .*|sent from .* for (ios|android)|get outlook for .*|envoyé de mon .*|von meinem .* gesendet|enviado desde mi .*|inviato da .*|verzonden vanaf .*)$",
        Pattern.CASE_INSENSITIVE);

    private ReplyText() {
    }

    /** Notifications that quote (issue trackers, forums) are not conversations: their text is all new. */
    private static final List<String> NOTIFICATION_FOOTERS = List.of("reply to this email directly",
        "you are receiving this because", "you're receiving this because");

    static Optional<String> text(String text) {
        String lowerText = text.toLowerCase();
        if (NOTIFICATION_FOOTERS.stream().anyMatch(lowerText::contains)) {
            return Optional.empty();
        }
        String[] lines = text.split("\\R", -1);
        int end = lines.length;
        boolean cut = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String joined = i + 1 < lines.length ? (line + " " + lines[i + 1].strip()).strip() : line;
            if (startsQuote(lines, i, line) || (!line.endsWith(":") && startsTwoLineHeader(joined))) {
                end = i;
                cut = true;
                break;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            if (SIGNATURE.matcher(lines[i].strip()).matches()) {
                cut = true;
                break;
            }
            kept.add(lines[i]);
        }
        if (!cut) {
            return Optional.empty();
        }
        String reply = String.join("\n", kept).strip();
        return reply.isEmpty() ? Optional.empty() : Optional.of(reply);
    }

    /** "On ... Alice <a@b.com>" / "wrote:" and the like, folded over two lines by the sender's client. */
    private static boolean startsTwoLineHeader(String joined) {
        for (int p = 0; p < 7; p++) {
            if (QUOTE_HEADERS.get(p).matcher(joined).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsQuote(String[] lines, int index, String line) {
        if (line.startsWith(">") && restIsQuoted(lines, index)) {
            return true;
        }
        for (int p = 0; p < QUOTE_HEADERS.size(); p++) {
            if (QUOTE_HEADERS.get(p).matcher(line).matches()) {
                // "From: x" alone is a header only when Outlook's other fields follow it.
                return p != QUOTE_HEADERS.size() - 1 || index + 1 < lines.length && OUTLOOK_FIELD.matcher(lines[index + 1].strip()).matches();
            }
        }
        return false;
    }

    private static boolean restIsQuoted(String[] lines, int index) {
        int quoted = 0;
        int other = 0;
        for (int i = index; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith(">")) {
                quoted++;
            } else if (!line.isEmpty() && !SIGNATURE.matcher(line).matches()) {
                other++;
            }
        }
        return quoted > other;
    }

    /** The HTML without the quoting blocks that mail clients mark (Gmail, Outlook, Apple Mail, Thunderbird). */
    static Optional<String> html(String html) {
        Document document = Jsoup.parse(html);
        boolean removed = false;
        for (Element quote : document.select("div.gmail_quote, blockquote[type=cite], blockquote.gmail_quote, "
            + "div#divRplyFwdMsg, div#appendonsend, div.moz-cite-prefix, div.yahoo_quoted, div#mail-editor-reference-message-container")) {
            if (quote.parent() == null) {
                continue;
            }
            if (quote.id().equals("divRplyFwdMsg") || quote.id().equals("appendonsend")) {
                Element next = quote.nextElementSibling();
                while (next != null) {
                    Element following = next.nextElementSibling();
                    if (next.parent() != null) {
                        next.remove();
                    }
                    next = following;
                }
            }
            quote.remove();
            removed = true;
        }
        if (!removed) {
            return Optional.empty();
        }
        return Optional.of(document.body().html().strip());
    }
}
