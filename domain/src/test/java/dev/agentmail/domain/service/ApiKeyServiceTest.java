package dev.agentmail.domain.service;

import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.ApiKey;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.store.ApiKeyRepository;
import dev.agentmail.domain.store.InMemoryApiKeyRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class ApiKeyServiceTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00.123Z");

    private final InMemoryApiKeyRepository repository = new InMemoryApiKeyRepository();
    private final MutableClock clock = new MutableClock();
    private final InMemoryInboxRepository inboxes = new InMemoryInboxRepository();
    private final ApiKeyService service = new ApiKeyService(repository, inboxes, new MillisecondClock(clock));

    @Test
    void aNewKeyIsStoredAsAHashWithAShortPrefix() {
        CreatedApiKey created = service.create("org_1", "  CI runner ");

        assertThat(created.secret()).matches("inai_[0-9A-Za-z]{8}_[0-9A-Za-z]{40}");
        ApiKey key = created.apiKey();
        assertThat(key.id()).startsWith("key_");
        assertThat(key.organizationId()).isEqualTo("org_1");
        assertThat(key.name()).isEqualTo("CI runner");
        assertThat(key.secretHash()).isEqualTo(ApiKeySecrets.hash(created.secret())).doesNotContain(created.secret());
        assertThat(key.prefix()).isEqualTo(created.secret().substring(0, 14) + "...");
        assertThat(key.usedAt()).isEmpty();
        assertThat(key.createdAt()).isEqualTo(NOW);
        assertThat(repository.find("org_1", key.id())).contains(key);
    }

    @Test
    void everyKeyHasItsOwnSecret() {
        assertThat(service.create("org_1", "a").secret()).isNotEqualTo(service.create("org_1", "b").secret());
    }

    @Test
    void theNameIsRequiredSingleLineAndBounded() {
        assertThatThrownBy(() -> service.create("org_1", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.create("org_1", "  ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.create("org_1", "ci\r\nrunner"))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> service.create("org_1", "x".repeat(201))).isInstanceOf(InvalidInputException.class);
        assertThat(repository.list("org_1", PageRequest.first()).total()).isZero();
    }

    @Test
    void aChosenSecretIsKeptIfItLooksLikeAKey() {
        CreatedApiKey created = service.createWithSecret("org_1", "bootstrap", "inai_chosen_secret_123");

        assertThat(created.secret()).isEqualTo("inai_chosen_secret_123");
        assertThat(service.authenticate("inai_chosen_secret_123").map(ApiKey::id)).contains(created.apiKey().id());
        assertThatThrownBy(() -> service.createWithSecret("org_1", "bad", "chosen_secret_123"))
            .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theSecretAuthenticatesItsKey() {
        CreatedApiKey created = service.create("org_1", "agent");

        assertThat(service.authenticate(created.secret()).map(ApiKey::id)).contains(created.apiKey().id());
        assertThat(service.authenticate(created.secret()).map(ApiKey::organizationId)).contains("org_1");
    }

    @Test
    void unknownSecretsAuthenticateNothing() {
        String secret = service.create("org_1", "agent").secret();

        assertThat(service.authenticate(secret + "x")).isEmpty();
        assertThat(service.authenticate(ApiKeySecrets.generate())).isEmpty();
        assertThat(service.authenticate("")).isEmpty();
        assertThat(service.authenticate(null)).isEmpty();
    }

    @Test
    void secretsWithoutTheKeyPrefixAreRefusedWithoutALookUp() {
        ApiKeyRepository untouched = mock(ApiKeyRepository.class);
        ApiKeyService guarded = new ApiKeyService(untouched, inboxes, new MillisecondClock(clock));

        assertThat(guarded.authenticate("sk_live_0123456789")).isEmpty();
        assertThat(guarded.authenticate("INAI_abcdefgh_0123456789")).isEmpty();
        verifyNoInteractions(untouched);
    }

    @Test
    void aRevokedKeyNoLongerAuthenticates() {
        CreatedApiKey created = service.create("org_1", "agent");

        service.revoke("org_1", created.apiKey().id());

        assertThat(service.authenticate(created.secret())).isEmpty();
        assertThatThrownBy(() -> service.revoke("org_1", created.apiKey().id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anotherOrganizationCannotRevokeTheKey() {
        CreatedApiKey created = service.create("org_1", "agent");

        assertThatThrownBy(() -> service.revoke("org_2", created.apiKey().id())).isInstanceOf(NotFoundException.class);
        assertThat(service.authenticate(created.secret())).isPresent();
    }

    @Test
    void listsTheOrganizationsKeys() {
        service.create("org_1", "first");
        clock.advance(Duration.ofSeconds(1));
        service.create("org_1", "second");
        service.create("org_2", "other");

        assertThat(service.list("org_1", PageRequest.first()).data()).extracting(ApiKey::name)
            .containsExactly("second", "first");
    }

    /** used_at is a hint: it is written at the first use and then at most once a minute. */
    @Test
    void useIsRecordedCoarsely() {
        CreatedApiKey created = service.create("org_1", "agent");
        String id = created.apiKey().id();

        service.authenticate(created.secret());
        assertThat(usedAt(id)).contains(NOW);

        clock.advance(Duration.ofSeconds(59));
        service.authenticate(created.secret());
        assertThat(usedAt(id)).contains(NOW);

        clock.advance(Duration.ofSeconds(2));
        service.authenticate(created.secret());
        assertThat(usedAt(id)).contains(NOW.plusSeconds(61));
    }

    @Test
    void aFailedAuthenticationRecordsNoUse() {
        CreatedApiKey created = service.create("org_1", "agent");

        service.authenticate(created.secret() + "x");

        assertThat(usedAt(created.apiKey().id())).isEmpty();
    }

    private Optional<Instant> usedAt(String keyId) {
        return repository.find("org_1", keyId).orElseThrow().usedAt();
    }

    private void inbox(String id) {
        inboxes.create(new Inbox(id, "org_1", id, "agentmail.test", Optional.empty(), Optional.empty(), NOW, NOW));
    }

    @Test
    void aKeyLeftUnscopedReachesEverything() {
        assertThat(service.create("org_1", "full", Optional.empty(), Optional.empty()).apiKey().scope())
            .isEqualTo(KeyScope.FULL);
    }

    @Test
    void aScopedKeyKeepsItsInboxesAndPermissions() {
        inbox("in_1");
        KeyScope scope = service.create("org_1", "agent", Optional.of(List.of("in_1", "in_1")),
            Optional.of(List.of("read", "send"))).apiKey().scope();

        assertThat(scope).isEqualTo(new KeyScope(Optional.of(Set.of("in_1")),
            Optional.of(Set.of(Permission.READ, Permission.SEND))));
        assertThat(repository.list("org_1", PageRequest.first()).data().get(0).scope()).isEqualTo(scope);
    }

    @Test
    void aScopeNamesKnownPermissionsAndInboxesOfTheOrganization() {
        inboxes.create(new Inbox("in_other", "org_2", "x", "agentmail.test", Optional.empty(), Optional.empty(), NOW, NOW));

        assertThatThrownBy(() -> service.create("org_1", "k", Optional.empty(), Optional.of(List.of("admin"))))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e).hasMessageContaining("admin"));
        assertThatThrownBy(() -> service.create("org_1", "k", Optional.of(List.of("in_other")), Optional.empty()))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("inbox_ids"));
        assertThatThrownBy(() -> service.create("org_1", "k", Optional.of(List.of()), Optional.empty()))
            .isInstanceOf(InvalidInputException.class);
        assertThat(repository.list("org_1", PageRequest.first()).total()).isZero();
    }

    @Test
    void aKeyMakesNoKeyBroaderThanItself() {
        inbox("in_1");
        inbox("in_2");
        KeyScope maker = new KeyScope(Optional.of(Set.of("in_1")), Optional.of(Set.of(Permission.READ,
            Permission.MANAGE_KEYS)));

        CallerScope.with(maker, () -> {
            assertThat(service.create("org_1", "narrower", Optional.of(List.of("in_1")), Optional.of(List.of("read")))
                .apiKey().scope().permissions()).contains(Set.of(Permission.READ));
            assertThatThrownBy(() -> service.create("org_1", "full", Optional.empty(), Optional.empty()))
                .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> service.create("org_1", "more inboxes", Optional.of(List.of("in_1", "in_2")),
                Optional.of(List.of("read")))).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> service.create("org_1", "more permissions", Optional.of(List.of("in_1")),
                Optional.of(List.of("read", "send")))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("inboxes in_1 with permissions read, manage_keys");
            assertThatThrownBy(() -> service.create("org_1", "every permission", Optional.of(List.of("in_1")),
                Optional.empty())).isInstanceOf(ForbiddenException.class);
            return null;
        });
        assertThat(repository.list("org_1", PageRequest.first()).total()).isEqualTo(1);
    }
}
