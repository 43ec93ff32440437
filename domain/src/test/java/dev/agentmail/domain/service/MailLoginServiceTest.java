package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.store.InMemoryApiKeyRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MailLoginServiceTest {
    private final InMemoryInboxRepository inboxes = new InMemoryInboxRepository();
    private final ApiKeyService apiKeys = new ApiKeyService(new InMemoryApiKeyRepository(), inboxes,
        new MillisecondClock(new MutableClock()));
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
        assertThat(service.authenticate("agent.one@agentmail.test", ownKey, Permission.READ)).isTrue();
    }

    @Test
    void theAddressIsCaseInsensitive() {
        assertThat(service.authenticate("Agent.One@AgentMail.TEST", ownKey, Permission.READ)).isTrue();
    }

    @Test
    void aKeyOfAnotherOrganizationDoesNotLogIn() {
        assertThat(service.authenticate("agent.one@agentmail.test", otherOrganizationsKey, Permission.READ)).isFalse();
    }

    @Test
    void aRevokedKeyDoesNotLogIn() {
        CreatedApiKey revoked = apiKeys.create("org_1", "revoked");
        apiKeys.revoke("org_1", revoked.apiKey().id());

        assertThat(service.authenticate("agent.one@agentmail.test", revoked.secret(), Permission.READ)).isFalse();
    }

    @Test
    void aKeyScopedToTheInboxLogsInForWhatItMayDo() {
        inboxes.create(new Inbox("in_2", "org_1", "agent.two", "agentmail.test", Optional.empty(), Optional.empty(),
            Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000)));
        String readOnly = apiKeys.create("org_1", "reader", Optional.of(List.of("in_1")), Optional.of(List.of("read")))
            .secret();

        assertThat(service.authenticate("agent.one@agentmail.test", readOnly, Permission.READ)).isTrue();
        assertThat(service.authenticate("agent.one@agentmail.test", readOnly, Permission.SEND)).isFalse();
        assertThat(service.authenticate("agent.two@agentmail.test", readOnly, Permission.READ)).isFalse();
        assertThat(service.login("agent.one@agentmail.test", ownKey, Permission.SEND)).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"inai_wrong_secret_0000", "not-a-key"})
    void aWrongSecretDoesNotLogIn(String secret) {
        assertThat(service.authenticate("agent.one@agentmail.test", secret, Permission.READ)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"agent.one", "@agentmail.test", "agent.one@", "agent.two@agentmail.test",
        "agent.one@other.test", "agent.one@agentmail.test@x"})
    void anUnknownOrMalformedAddressDoesNotLogIn(String address) {
        assertThat(service.authenticate(address, ownKey, Permission.READ)).isFalse();
    }
}
