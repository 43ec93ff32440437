package dev.agentmail.domain.service;

import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.store.InboxRepository;

import javax.inject.Inject;
import java.util.Locale;
import java.util.Optional;

/**
 * IMAP and SMTP logins: the inbox's address as user name, an API key of the inbox's organization that reaches the
 * inbox as password.
 */
public class MailLoginService {
    private final InboxRepository inboxes;
    private final ApiKeyService apiKeys;

    @Inject
    public MailLoginService(InboxRepository inboxes, ApiKeyService apiKeys) {
        this.inboxes = inboxes;
        this.apiKeys = apiKeys;
    }

    public boolean authenticate(String emailAddress, String secret, Permission needed) {
        return login(emailAddress, secret, needed).isPresent();
    }

    /**
     * @param needed what the protocol does: {@code read} for IMAP, {@code send} for submission
     * @return the key a session logged in with, so that the session can end when the key is revoked
     */
    public Optional<ApiKey> login(String emailAddress, String secret, Permission needed) {
        Optional<Inbox> inbox = findInbox(emailAddress);
        if (inbox.isEmpty()) {
            return Optional.empty();
        }
        // A key scoped to other inboxes, or without the permission, fails as a wrong key would.
        return apiKeys.authenticate(secret)
            .filter(key -> key.organizationId().equals(inbox.get().organizationId()))
            .filter(key -> key.scope().reaches(inbox.get().id()) && key.scope().allows(needed));
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
