package dev.agentmail.james;

import com.google.common.collect.ImmutableList;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import java.util.Collection;
import java.util.Map;

/**
 * James's IMAP commands with LOGIN and AUTHENTICATE held to {@link PlaintextAuthRule}; named in imapserver.xml's
 * {@code imapPackages}.
 */
public class AgentMailImapPackage implements ImapPackage {
    private static final Map<String, ClassName> REPLACED = Map.of(
        LoginProcessor.class.getName(), new ClassName(EncryptedLoginProcessor.class.getName()),
        AuthenticateProcessor.class.getName(), new ClassName(EncryptedAuthenticateProcessor.class.getName()));

    @Override
    public Collection<ClassName> processors() {
        return DEFAULT.processors().stream()
            .map(name -> REPLACED.getOrDefault(name.getName(), name))
            .collect(ImmutableList.toImmutableList());
    }

    @Override
    public Collection<ClassName> decoders() {
        return DEFAULT.decoders();
    }

    @Override
    public Collection<ClassName> encoders() {
        return DEFAULT.encoders();
    }
}
