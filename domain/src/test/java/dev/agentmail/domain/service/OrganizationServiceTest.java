package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.InMemoryApiKeyRepository;
import dev.agentmail.domain.store.InMemoryDomainRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import dev.agentmail.domain.store.InMemoryOrganizationRepository;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganizationServiceTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00.123Z");

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();
    private final InMemoryInboxRepository inboxes = new InMemoryInboxRepository();
    private final InMemoryDomainRepository domains = new InMemoryDomainRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final MutableClock clock = new MutableClock();
    private final ApiKeyService apiKeys = new ApiKeyService(keys, inboxes, new MillisecondClock(clock));
    private final OrganizationService service = new OrganizationService(organizations, inboxes, domains, apiKeys,
        new PlatformSettings("agentmail.test", 10, 3, 1024, false), new MillisecondClock(clock));

    @Test
    void anOrganizationIsCreatedWithAFirstKeyThatOpensIt() {
        CreatedOrganization created = service.create("  Acme  ");

        Organization org = created.organization().organization();
        assertThat(org.id()).startsWith("org_");
        assertThat(org.name()).isEqualTo("Acme");
        assertThat(org.createdAt()).isEqualTo(NOW);
        assertThat(org.updatedAt()).isEqualTo(NOW);
        assertThat(organizations.find(org.id())).contains(org);
        assertThat(created.firstKey().apiKey().name()).isEqualTo(OrganizationService.FIRST_KEY_NAME);
        assertThat(created.firstKey().apiKey().organizationId()).isEqualTo(org.id());
        assertThat(apiKeys.authenticate(created.firstKey().secret()).map(key -> key.organizationId())).contains(org.id());
    }

    @Test
    void theUsageCarriesTheLimits() {
        OrganizationUsage usage = service.create("Acme").organization();

        assertThat(usage.inboxCount()).isZero();
        assertThat(usage.inboxLimit()).isEqualTo(10);
        assertThat(usage.domainCount()).isZero();
        assertThat(usage.domainLimit()).isEqualTo(3);

        String id = usage.organization().id();
        domains.create(dev.agentmail.domain.store.DomainRepositoryContract.domain("example.com", id, 1_000));
        domains.create(dev.agentmail.domain.store.DomainRepositoryContract.domain("other.example", "org_other", 1_000));
        assertThat(service.get(id).domainCount()).isEqualTo(1);
    }

    @Test
    void theFirstKeyMayBeChosen() {
        CreatedOrganization created = service.create("Acme", "inai_bootstrap_key_1");

        assertThat(created.firstKey().secret()).isEqualTo("inai_bootstrap_key_1");
        assertThat(apiKeys.authenticate("inai_bootstrap_key_1")).isPresent();
    }

    @Test
    void aBadChosenKeyOrNameCreatesNothing() {
        assertThatThrownBy(() -> service.create("Acme", "not-a-key-123")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.create("Acme\r\nX-Evil: 1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.create(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.create("x".repeat(201))).isInstanceOf(InvalidInputException.class);

        assertThat(organizations.count()).isZero();
        assertThat(service.anyExists()).isFalse();
    }

    @Test
    void getCountsTheOrganizationsInboxes() {
        String id = service.create("Acme").organization().organization().id();
        inboxes.create(inbox("in_1", id, "one"));
        inboxes.create(inbox("in_2", id, "two"));
        inboxes.create(inbox("in_3", "org_other", "three"));

        assertThat(service.get(id).inboxCount()).isEqualTo(2);
    }

    @Test
    void anUnknownOrganizationIsNotFound() {
        assertThatThrownBy(() -> service.get("org_missing")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsOldestFirstWithUsage() {
        String first = service.create("First").organization().organization().id();
        clock.advance(Duration.ofSeconds(1));
        String second = service.create("Second").organization().organization().id();
        inboxes.create(inbox("in_1", second, "one"));

        Page<OrganizationUsage> page = service.list(PageRequest.first());

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.data()).extracting(usage -> usage.organization().id()).containsExactly(first, second);
        assertThat(page.data()).extracting(OrganizationUsage::inboxCount).containsExactly(0L, 1L);
    }

    @Test
    void anyExistsOnceOneIsCreated() {
        assertThat(service.anyExists()).isFalse();
        service.create("Acme");
        assertThat(service.anyExists()).isTrue();
    }

    private static Inbox inbox(String id, String organizationId, String username) {
        return new Inbox(id, organizationId, username, "agentmail.test", Optional.empty(), Optional.empty(), NOW, NOW);
    }
}
