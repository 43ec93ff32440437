package dev.agentmail.domain.service;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.store.InboxRepository;

import javax.inject.Inject;
import java.util.Locale;
import java.util.Optional;

/** IMAP and SMTP logins: the inbox's address as user name, an API key of the inbox's organization as password. */
public class MailLoginService {
    private final InboxRepository inboxes;
    private final ApiKeyService apiKeys;

    @Inject
    public MailLoginService(InboxRepository inboxes, ApiKeyService apiKeys) {
        this.inboxes = inboxes;
        this.apiKeys = apiKeys;
    }

    public boolean authenticate(String emailAddress, String secret) {
        Optional<Inbox> inbox = findInbox(emailAddress);
        if (inbox.isEmpty()) {
            return false;
        }
        return apiKeys.authenticate(secret)
            .map(ApiKey::organizationId)
            .filter(inbox.get().organizationId()::equals)
            .isPresent();
    }

    private Optional<Inbox> findInbox(String emailAddress) {
        int at = emailAddress == null ? -1 : emailAddress.lastIndexOf('@');
        if (at <= 0 || at == emailAddress.length() - 1) {
            return Optional.empty();
        }
        String address = emailAddress.toLowerCase(Locale.ROOT);
        return inboxes.findByAddress(address.substring(0, at), address.substring(at + 1));
    }
}
