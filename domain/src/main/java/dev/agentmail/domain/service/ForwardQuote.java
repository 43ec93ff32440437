package dev.agentmail.domain.service;

import dev.agentmail.domain.model.MessageContent;

/** The original message below a forward's own text, in the form mail clients use. */
final class ForwardQuote {
    private ForwardQuote() {
    }

    static String text(MessageContent original) {
        return "---------- Forwarded message ---------\n"
            + "From: " + original.from() + "\n"
            + "Subject: " + original.subject() + "\n"
            + "To: " + String.join(", ", original.to()) + "\n\n"
            + original.text().orElse("");
    }

    static String html(MessageContent original) {
        return "<br><div>---------- Forwarded message ---------<br>From: " + escape(original.from()) + "<br>Subject: "
            + escape(original.subject()) + "<br>To: " + escape(String.join(", ", original.to())) + "</div><br><blockquote>"
            + original.html().orElseGet(() -> "<pre>" + escape(original.text().orElse("")) + "</pre>") + "</blockquote>";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
