package dev.agentmail.james;

import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.MailLoginService;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authenticator;

import javax.inject.Inject;

/** IMAP logins: the inbox's address as user name and an API key of the inbox's organization as password. */
public class ApiKeyAuthenticator implements Authenticator {
    private final MailLoginService logins;

    @Inject
    public ApiKeyAuthenticator(MailLoginService logins) {
        this.logins = logins;
    }

    @Override
    public boolean isAuthentic(Username userid, CharSequence passwd) {
        return logins.authenticate(userid.asString(), passwd.toString(), Permission.READ);
    }
}
