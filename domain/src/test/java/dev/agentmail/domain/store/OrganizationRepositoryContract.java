package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Organization;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every OrganizationRepository backend must do; each backend's test implements the factory method, which
 * must hand out repositories over one store that starts empty for each test.
 */
public interface OrganizationRepositoryContract {
    OrganizationRepository organizationRepository();

    static Organization organization(String id, long createdAtMillis) {
        Instant at = Instant.ofEpochMilli(createdAtMillis);
        return new Organization(id, "Org " + id, at, at.plusMillis(7));
    }

    static Organization organization(String id, long createdAtMillis, long updatedAtMillis) {
        return new Organization(id, "Org " + id, Instant.ofEpochMilli(createdAtMillis),
            Instant.ofEpochMilli(updatedAtMillis));
    }

    @Test
    default void createdOrganizationsAreFoundWithEveryField() {
        Organization org = organization("org_a", 1_700_000_000_123L);
        // Quotes and non-ASCII text must survive the round trip unchanged.
        Organization other = new Organization("org_b", "Zoë's \"lab\" ✉", Instant.ofEpochMilli(1_700_000_000_999L),
            Instant.ofEpochMilli(1_800_000_000_001L));
        organizationRepository().create(org);
        organizationRepository().create(other);

        assertThat(organizationRepository().find("org_a")).contains(org);
        assertThat(organizationRepository().find("org_b")).contains(other);
    }

    @Test
    default void unknownOrganizationsAreNotFound() {
        organizationRepository().create(organization("org_a", 1_000));

        assertThat(organizationRepository().find("org_missing")).isEmpty();
        assertThat(organizationRepository().find("ORG_A")).isEmpty();
    }

    @Test
    default void listsOldestFirstWithPagesAndTotal() {
        // updated_at runs the other way, so that only created_at gives this order.
        organizationRepository().create(organization("org_b", 2_000, 8_000));
        organizationRepository().create(organization("org_a", 1_000, 9_000));
        organizationRepository().create(organization("org_c", 3_000, 7_000));

        Page<Organization> first = organizationRepository().list(new PageRequest(1, 2));
        Page<Organization> second = organizationRepository().list(new PageRequest(2, 2));
        Page<Organization> beyond = organizationRepository().list(new PageRequest(3, 2));

        assertThat(first.data()).extracting(Organization::id).containsExactly("org_a", "org_b");
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.page()).isEqualTo(1);
        assertThat(first.pageSize()).isEqualTo(2);
        assertThat(second.data()).extracting(Organization::id).containsExactly("org_c");
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.page()).isEqualTo(2);
        assertThat(beyond.data()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
        assertThat(beyond.page()).isEqualTo(3);
        assertThat(beyond.pageSize()).isEqualTo(2);
    }

    @Test
    default void organizationsCreatedAtTheSameInstantAreOrderedById() {
        organizationRepository().create(organization("org_b", 1_000));
        organizationRepository().create(organization("org_c", 1_000));
        organizationRepository().create(organization("org_a", 1_000));

        assertThat(organizationRepository().list(PageRequest.first()).data()).extracting(Organization::id)
            .containsExactly("org_a", "org_b", "org_c");
    }

    @Test
    default void walkingThePagesOfOrganizationsSeesEachOnceInOrder() {
        for (int i = 0; i < 7; i++) {
            String id = "org_" + i;
            // Created out of order, and two by two at the same instant, so that both sort keys matter.
            organizationRepository().create(organization(id, 1_000L * ((6 - i) / 2)));
        }

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            Page<Organization> result = organizationRepository().list(new PageRequest(page, 2));
            assertThat(result.total()).isEqualTo(7);
            result.data().forEach(org -> seen.add(org.id()));
        }
        assertThat(seen).containsExactly("org_5", "org_6", "org_3", "org_4", "org_1", "org_2", "org_0");
    }

    @Test
    default void anEmptyStoreListsNoOrganizations() {
        Page<Organization> page = organizationRepository().list(PageRequest.first());

        assertThat(page.data()).isEmpty();
        assertThat(page.total()).isZero();
    }

    @Test
    default void countsOrganizations() {
        assertThat(organizationRepository().count()).isZero();
        organizationRepository().create(organization("org_a", 1_000));
        organizationRepository().create(organization("org_b", 1_000));

        assertThat(organizationRepository().count()).isEqualTo(2);
    }
}
