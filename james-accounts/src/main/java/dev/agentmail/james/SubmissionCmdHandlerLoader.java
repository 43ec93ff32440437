package dev.agentmail.james;

import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;
import org.apache.james.smtpserver.CoreCmdHandlerLoader;

import java.util.List;

/** James's core SMTP handlers with AUTH replaced by {@link EncryptedAuthCmdHandler}; the submission ports' core package. */
public class SubmissionCmdHandlerLoader implements HandlersPackage {
    @Override
    public List<String> getHandlers() {
        return new CoreCmdHandlerLoader().getHandlers().stream()
            .map(name -> name.equals(AuthCmdHandler.class.getName()) ? EncryptedAuthCmdHandler.class.getName() : name)
            .toList();
    }
}
