package dev.agentmail.store.codec;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.Authentication;
import dev.agentmail.domain.model.DnsRecord;
import dev.agentmail.domain.model.MessageContent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values whose JSON, as the version before the storage records stored it, is in resources/stored-json-v0, and
 * AUTHENTICATED_CONTENT, in resources/stored-json-v1.
 */
final class StoredSamples {
    static final MessageContent FULL_CONTENT = new MessageContent(Optional.of("<a1@example.com>"),
        Optional.of("<parent@example.org>"), List.of("<root@example.org>", "<parent@example.org>"),
        "Re: Your code – café \"quoted\"", "Ann Example <ann@example.com>", List.of("replies@example.com"),
        List.of("Bob <bob@agentmail.test>", "carol@agentmail.test"), List.of("dave@example.net"),
        List.of("erin@example.net"), Optional.of("Your code is 123456.\nThanks, Ann\n"),
        Optional.of("<p>Your code is <b>123456</b>.</p>"), "Your code is 123456. Thanks, Ann",
        Map.of("X-Mailer", "Example 1.0", "List-Id", "<news.example.com>"),
        List.of(new AttachmentInfo("att_1", Optional.of("report.pdf"), "application/pdf", 48213, "attachment",
                Optional.empty()),
            new AttachmentInfo("att_2", Optional.empty(), "image/png", 512, "inline", Optional.of("<logo@example.com>"))));
    /** Received from outside: FULL_CONTENT with what our SMTP server found of its sender. */
    static final MessageContent AUTHENTICATED_CONTENT =
        FULL_CONTENT.withAuthentication(Optional.of(new Authentication("pass", "fail", "none")));
    static final Analysis FULL_ANALYSIS = new Analysis(Optional.of("123456"), Optional.of("Your code is 123456."),
        Optional.of("https://example.com/confirm?t=abc&u=1"), Optional.of("Thanks for the code."),
        Optional.of("<p>Thanks for the code.</p>"));
    static final Set<String> FULL_LABELS = Set.of("received", "unread", "important");

    static final MessageContent SPARSE_CONTENT = new MessageContent(Optional.empty(), Optional.empty(), List.of(), "", "",
        List.of(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), "", Map.of(), List.of());
    static final Analysis SPARSE_ANALYSIS = Analysis.NONE;
    static final Set<String> SPARSE_LABELS = Set.of();

    static final List<DnsRecord> RECORDS = List.of(
        new DnsRecord(DnsRecord.Type.MX, "mail.example.com", "mx.agentmail.test", Optional.of(10), DnsRecord.Status.VALID),
        new DnsRecord(DnsRecord.Type.TXT, "mail.example.com", "v=spf1 include:_spf.agentmail.test ~all", Optional.empty(),
            DnsRecord.Status.MISSING),
        new DnsRecord(DnsRecord.Type.TXT, "dkim._domainkey.mail.example.com", "v=DKIM1; k=rsa; p=MIIBIjANBg",
            Optional.empty(), DnsRecord.Status.INVALID));

    private StoredSamples() {
    }
}
