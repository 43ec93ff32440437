package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every OrganizationRepository backend must do; each backend's test implements the factory method. */
public interface OrganizationRepositoryContract {
    OrganizationRepository organizationRepository();

    static Organization organization(String id, long createdAtMillis) {
        Instant at = Instant.ofEpochMilli(createdAtMillis);
        return new Organization(id, "Org " + id, at, at.plusMillis(7));
    }

    @Test
    default void createdOrganizationsAreFoundWithEveryField() {
        Organization org = organization("org_a", 1_700_000_000_123L);
        organizationRepository().create(org);

        assertThat(organizationRepository().find("org_a")).contains(org);
    }

    @Test
    default void unknownOrganizationsAreNotFound() {
        assertThat(organizationRepository().find("org_missing")).isEmpty();
    }

    @Test
    default void listsOldestFirstWithPagesAndTotal() {
        organizationRepository().create(organization("org_b", 2_000));
        organizationRepository().create(organization("org_a", 1_000));
        organizationRepository().create(organization("org_c", 3_000));

        Page<Organization> first = organizationRepository().list(new PageRequest(1, 2));
        Page<Organization> second = organizationRepository().list(new PageRequest(2, 2));
        Page<Organization> beyond = organizationRepository().list(new PageRequest(3, 2));

        assertThat(first.data()).extracting(Organization::id).containsExactly("org_a", "org_b");
        assertThat(second.data()).extracting(Organization::id).containsExactly("org_c");
        assertThat(beyond.data()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
        assertThat(first.page()).isEqualTo(1);
        assertThat(first.pageSize()).isEqualTo(2);
    }

    @Test
    default void countsOrganizations() {
        assertThat(organizationRepository().count()).isZero();
        organizationRepository().create(organization("org_a", 1_000));
        organizationRepository().create(organization("org_b", 1_000));

        assertThat(organizationRepository().count()).isEqualTo(2);
    }
}
