package dev.agentmail.mailets;

import dev.agentmail.domain.model.DraftContent;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.service.Addresses;
import dev.agentmail.domain.service.DraftService;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.james.JamesMailSender;
import dev.agentmail.mime.MessageParser;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mail an inbox in approval mode submits over SMTP does not leave: it is kept as a pending_approval draft, with its
 * recipients (those of the envelope in no header are its Bcc) and attachments, and the mail ends here. Mail the API
 * hands in has been through approval already.
 */
public class HoldForApproval extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(HoldForApproval.class);

    private final InboxRepository inboxes;
    private final DraftService drafts;

    @Inject
    public HoldForApproval(InboxRepository inboxes, DraftService drafts) {
        this.inboxes = inboxes;
        this.drafts = drafts;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(JamesMailSender.FROM_API).isPresent()) {
            return;
        }
        Optional<Inbox> inbox = mail.getAttribute(Mail.SMTP_AUTH_USER)
            .map(attribute -> String.valueOf(attribute.getValue().value()))
            .map(Username::of)
            .flatMap(user -> user.getDomainPart()
                .flatMap(domain -> inboxes.findByAddress(user.getLocalPart(), domain.asString())))
            .filter(Inbox::approvalRequired);
        if (inbox.isEmpty()) {
            return;
        }
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mail.getMessage().writeTo(raw);
            MessageContent content = MessageParser.parse(new ByteArrayInputStream(raw.toByteArray()), Optional.empty());
            Set<String> inHeaders = new HashSet<>();
            content.to().forEach(address -> inHeaders.add(Addresses.bare(address)));
            content.cc().forEach(address -> inHeaders.add(Addresses.bare(address)));
            List<String> bcc = new ArrayList<>();
            for (MailAddress recipient : mail.getRecipients()) {
                if (!inHeaders.contains(Addresses.bare(recipient.asString()))) {
                    bcc.add(recipient.asString());
                }
            }
            List<DraftContent.Attachment> attachments = new ArrayList<>();
            collectAttachments(mail.getMessage(), attachments);
            var draft = drafts.hold(inbox.get(), new DraftContent(content.to(), content.cc(), bcc, content.replyTo(),
                content.subject(), content.text(), content.html(), attachments, List.of(), Map.of(), Optional.empty()));
            LOGGER.info("Held mail {} submitted by {} as draft {} for approval", mail.getName(),
                inbox.get().emailAddress(), draft.id());
        } catch (IOException e) {
            throw new MessagingException("could not read the submitted message", e);
        }
        mail.setState(Mail.GHOST);
    }

    private static void collectAttachments(Part part, List<DraftContent.Attachment> attachments)
        throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collectAttachments(child, attachments);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            byte[] bytes = part.getInputStream().readAllBytes();
            String type = part.getContentType() == null ? "application/octet-stream"
                : part.getContentType().split(";")[0].strip();
            attachments.add(new DraftContent.Attachment(part.getFileName() == null ? "attachment" : part.getFileName(),
                type, Base64.getEncoder().encodeToString(bytes)));
        }
    }

    @Override
    public String getMailetInfo() {
        return "Holds what inboxes in approval mode submit as drafts pending approval";
    }
}
