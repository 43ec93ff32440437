package dev.agentmail.james.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.rrt.lib.MappingsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against James's JPA table on a Derby database in memory, through the persistence unit the server uses. */
class CachingJpaRecipientRewriteTableTest {
    private static final Domain DOMAIN = Domain.of("ours.example");
    private static final MappingSource ALIAS = MappingSource.fromUser("alias", DOMAIN);
    private static final Mapping TO_AGENT = Mapping.address("agent@ours.example");

    private EntityManagerFactory entityManagers;
    private CachingJpaRecipientRewriteTable table;
    /** James's table on the same database, without the cache: another server sharing it. */
    private JPARecipientRewriteTable elsewhere;

    @BeforeEach
    void setUp() {
        entityManagers = InMemoryJamesDatabase.entityManagers("rrt");
        table = configured(new CachingJpaRecipientRewriteTable());
        elsewhere = configured(new JPARecipientRewriteTable());
    }

    private <T extends JPARecipientRewriteTable> T configured(T rewrites) {
        rewrites.setEntityManagerFactory(entityManagers);
        rewrites.setConfiguration(RecipientRewriteTableConfiguration.DEFAULT_ENABLED);
        return rewrites;
    }

    @AfterEach
    void tearDown() {
        entityManagers.close();
    }

    private Mappings resolved() throws Exception {
        return table.getResolvedMappings("alias", DOMAIN, EnumSet.allOf(Mapping.Type.class));
    }

    @Test
    void aMappingAddedOrRemovedThroughItIsSeenAtOnce() throws Exception {
        assertThat(resolved()).isEqualTo(MappingsImpl.empty());

        table.addMapping(ALIAS, TO_AGENT);
        assertThat(resolved()).containsExactly(TO_AGENT);

        table.removeMapping(ALIAS, TO_AGENT);
        assertThat(resolved()).isEqualTo(MappingsImpl.empty());
    }

    @Test
    void repeatedLookupsAreAnsweredWithoutAskingTheDatabase() throws Exception {
        assertThat(resolved()).isEqualTo(MappingsImpl.empty());

        elsewhere.addMapping(ALIAS, TO_AGENT);

        assertThat(resolved()).isEqualTo(MappingsImpl.empty());
        assertThat(elsewhere.getResolvedMappings("alias", DOMAIN, EnumSet.allOf(Mapping.Type.class)))
            .containsExactly(TO_AGENT);
    }
}
