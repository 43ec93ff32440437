package dev.agentmail.james.stores;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * James on one relational database (JPA mailbox, users, domains, mail repositories) and an ActiveMQ spool under a
 * local directory, for a single node: everything but the protocols, which are the same for every profile.
 */
public final class JpaJamesModules {
    private JpaJamesModules() {
    }

    public static Module modules(DataSource dataSource, Path spoolDirectory) {
        return Modules.combine(
            JamesServerModules.MAIL_PROCESSING_AND_MAILBOX,
            new DefaultEventModule(),
            new MemoryDeadLetterModule(),
            new NaiveDelegationStoreModule(),
            new JpaEntityManagerModule(dataSource),
            new JpaDataModule(),
            new JpaMailboxModule(),
            new ActiveMqSpoolModule(spoolDirectory));
    }
}
