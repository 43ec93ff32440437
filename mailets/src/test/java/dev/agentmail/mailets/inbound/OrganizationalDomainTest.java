package dev.agentmail.mailets.inbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationalDomainTest {
    @Test
    void isTheRegisteredDomainUnderAPublicSuffix() {
        assertThat(OrganizationalDomain.of("mail.news.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("Mail.Example.COM")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("example.com")).isEqualTo("example.com");
    }

    @Test
    void underAnUnlistedTopLevelDomainIsTheLastTwoLabels() {
        assertThat(OrganizationalDomain.of("a.b.sender.test")).isEqualTo("sender.test");
        assertThat(OrganizationalDomain.of("localhost")).isEqualTo("localhost");
    }

    @Test
    void relaxedAlignmentComparesOrganizationalDomainsStrictTheNames() {
        assertThat(OrganizationalDomain.aligned("bounce.example.com", "example.com", false)).isTrue();
        assertThat(OrganizationalDomain.aligned("bounce.example.com", "example.com", true)).isFalse();
        assertThat(OrganizationalDomain.aligned("EXAMPLE.com", "example.com", true)).isTrue();
        assertThat(OrganizationalDomain.aligned("example.net", "example.com", false)).isFalse();
        assertThat(OrganizationalDomain.aligned("a.co.uk", "b.co.uk", false)).isFalse();
    }
}
