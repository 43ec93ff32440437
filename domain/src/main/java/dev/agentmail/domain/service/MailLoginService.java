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
        return login(emailAddress, secret).isPresent();
    }

    /** @return the key a session logged in with, so that the session can end when the key is revoked */
    public Optional<ApiKey> login(String emailAddress, String secret) {
        Optional<Inbox> inbox = findInbox(emailAddress);
        if (inbox.isEmpty()) {
            return Optional.empty();
        }
        return apiKeys.authenticate(secret)
            .filter(key -> key.organizationId().equals(inbox.get().organizationId()));
    }

    /** Whether a session opened with this key may go on: false once the key is revoked. */
    public boolean stillValid(ApiKey key) {
        return apiKeys.isActive(key.organizationId(), key.id());
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
