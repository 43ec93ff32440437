package dev.agentmail.domain.service;

import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.InboxRepository;
import dev.agentmail.domain.store.OrganizationRepository;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Instant;

public class OrganizationService {
    private static final int MAX_NAME_LENGTH = 200;
    public static final String FIRST_KEY_NAME = "default";

    private final OrganizationRepository organizations;
    private final InboxRepository inboxes;
    private final DomainRepository domains;
    private final ApiKeyService apiKeys;
    private final PlatformSettings settings;
    private final Clock clock;

    @Inject
    public OrganizationService(OrganizationRepository organizations, InboxRepository inboxes, DomainRepository domains,
                               ApiKeyService apiKeys,
                               PlatformSettings settings, Clock clock) {
        this.organizations = organizations;
        this.inboxes = inboxes;
        this.domains = domains;
        this.apiKeys = apiKeys;
        this.settings = settings;
        this.clock = clock;
    }

    public CreatedOrganization create(String name) {
        return create(name, ApiKeySecrets.generate());
    }

    /** Creates an organization whose first key is {@code firstKeySecret}. */
    public CreatedOrganization create(String name, String firstKeySecret) {
        String validName = TextInput.required("name", name, MAX_NAME_LENGTH);
        ApiKeySecrets.validateChosen(firstKeySecret);
        Instant now = clock.instant();
        Organization organization = new Organization(Ids.organization(), validName, now, now);
        organizations.create(organization);
        CreatedApiKey key = apiKeys.createWithSecret(organization.id(), FIRST_KEY_NAME, firstKeySecret);
        return new CreatedOrganization(usageOf(organization), key);
    }

    public OrganizationUsage get(String organizationId) {
        return usageOf(organizations.find(organizationId)
            .orElseThrow(() -> new NotFoundException("organization", organizationId)));
    }

    public Page<OrganizationUsage> list(PageRequest pageRequest) {
        return organizations.list(pageRequest).map(this::usageOf);
    }

    public boolean anyExists() {
        return organizations.count() > 0;
    }

    private OrganizationUsage usageOf(Organization organization) {
        return new OrganizationUsage(organization, inboxes.count(organization.id()), settings.inboxLimit(),
            domains.count(organization.id()), settings.domainLimit());
    }
}
