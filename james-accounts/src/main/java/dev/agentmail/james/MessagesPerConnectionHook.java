package dev.agentmail.james;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

/**
 * At most {@code <maxMessages>} mail transactions (MAIL commands) on one SMTP connection; the next MAIL answers
 * 421 4.7.0 and the connection closes, so one client cannot hold a connection open to pour mail through it.
 * James 3.8.1 has no such limit of its own.
 */
public class MessagesPerConnectionHook implements MailHook {
    private static final ProtocolSession.AttachmentKey<Integer> COUNT =
        ProtocolSession.AttachmentKey.of("agentmail.messagesOnConnection", Integer.class);

    private int maxMessages = 100;

    @Override
    public void init(Configuration config) {
        maxMessages = config.getInt("maxMessages", maxMessages);
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1");
        }
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        int count = session.getAttachment(COUNT, ProtocolSession.State.Connection).orElse(0) + 1;
        session.setAttachment(COUNT, count, ProtocolSession.State.Connection);
        if (count <= maxMessages) {
            return HookResult.DECLINED;
        }
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
            .smtpReturnCode("421")
            .smtpDescription("4.7.0 Too many messages on one connection (at most " + maxMessages + "), reconnect to send more")
            .build();
    }
}
