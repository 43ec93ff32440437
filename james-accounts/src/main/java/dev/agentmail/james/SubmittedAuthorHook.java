package dev.agentmail.james;

import dev.agentmail.mime.MessageAuthors;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.mail.MessagingException;
import java.util.Optional;

/**
 * On the submission ports, once the message is in (DATA): its {@code From:} (and {@code Sender:}, when present) must
 * be the authenticated inbox's own address. James's identity check holds only the envelope sender to it; without this,
 * one organization's inbox could send, and have DKIM-signed, mail that claims another's address. A message from a
 * client that has not logged in is refused too: submission is for inboxes only.
 */
public class SubmittedAuthorHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SubmittedAuthorHook.class);

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Username user = session.getUsername();
        if (user == null) {
            return refused("530", "5.7.0 Authentication required: log in with the inbox address and an API key");
        }
        Optional<String> mismatch;
        try {
            mismatch = MessageAuthors.mismatch(mail.getMessage(), user.asString());
        } catch (MessagingException e) {
            mismatch = Optional.of("it cannot be read");
        }
        if (mismatch.isEmpty()) {
            return HookResult.DECLINED;
        }
        LOGGER.info("Refused a message submitted by {}: {}", user.asString(), mismatch.get());
        return refused("550", "5.7.1 Sender not allowed: " + mismatch.get() + "; an inbox sends only as itself");
    }

    private static HookResult refused(String code, String description) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(code)
            .smtpDescription(description)
            .build();
    }
}
