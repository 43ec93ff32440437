package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.store.InMemoryApiKeyRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MailLoginServiceTest {
    private final InMemoryInboxRepository inboxes = new InMemoryInboxRepository();
    private final ApiKeyService apiKeys = new ApiKeyService(new InMemoryApiKeyRepository(), new MillisecondClock(new MutableClock()));
    private final MailLoginService service = new MailLoginService(inboxes, apiKeys);
    private String ownKey;
    private String otherOrganizationsKey;

    @BeforeEach
    void setUp() {
        Instant at = Instant.ofEpochMilli(1_000);
        inboxes.create(new Inbox("in_1", "org_1", "agent.one", "agentmail.test", Optional.empty(), Optional.empty(), at, at));
        ownKey = apiKeys.create("org_1", "own").secret();
        otherOrganizationsKey = apiKeys.create("org_2", "other").secret();
    }

    @Test
    void aKeyOfTheInboxsOrganizationLogsIn() {
        assertThat(service.authenticate("agent.one@agentmail.test", ownKey)).isTrue();
    }

    @Test
    void theAddressIsCaseInsensitive() {
        assertThat(service.authenticate("Agent.One@AgentMail.TEST", ownKey)).isTrue();
    }

    @Test
    void aKeyOfAnotherOrganizationDoesNotLogIn() {
        assertThat(service.authenticate("agent.one@agentmail.test", otherOrganizationsKey)).isFalse();
    }

    @Test
    void aRevokedKeyDoesNotLogIn() {
        CreatedApiKey revoked = apiKeys.create("org_1", "revoked");
        apiKeys.revoke("org_1", revoked.apiKey().id());

        assertThat(service.authenticate("agent.one@agentmail.test", revoked.secret())).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"inai_wrong_secret_0000", "not-a-key"})
    void aWrongSecretDoesNotLogIn(String secret) {
        assertThat(service.authenticate("agent.one@agentmail.test", secret)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"agent.one", "@agentmail.test", "agent.one@", "agent.two@agentmail.test",
        "agent.one@other.test", "agent.one@agentmail.test@x"})
    void anUnknownOrMalformedAddressDoesNotLogIn(String address) {
        assertThat(service.authenticate(address, ownKey)).isFalse();
    }
}
