package dev.agentmail.james.stores;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminServerModule;

/**
 * The groups of James modules that every profile on persistent stores runs, whatever the stores, named the way
 * James's own server mains name theirs.
 */
public final class JamesServerModules {
    /** SMTP, IMAP and WebAdmin; no JMAP, POP3, LMTP or ManageSieve. */
    public static final Module PROTOCOLS = Modules.combine(
        new ProtocolHandlerModule(),
        new SMTPServerModule(),
        new IMAPServerModule(),
        new WebAdminServerModule(),
        new NoJwtModule());

    /**
     * The mailet container and its processors, the mailbox manager without a search index, and the task manager of
     * WebAdmin's long operations. The mailbox event bus and the stores are each profile's own.
     */
    public static final Module MAIL_PROCESSING_AND_MAILBOX = Modules.combine(
        new MailetProcessingModule(),
        new DefaultProcessorsConfigurationProviderModule(),
        new RawPostDequeueDecoratorModule(),
        new MailboxModule(),
        new TaskManagerModule(),
        new NoTaskExtensionsModule(),
        new FakeSearchMailboxModule());

    private JamesServerModules() {
    }
}
