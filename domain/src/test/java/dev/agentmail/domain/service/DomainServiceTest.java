package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.model.DnsRecord;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.store.DomainTakenException;
import dev.agentmail.domain.store.InMemoryDomainRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class DomainServiceTest {
    static final DomainSettings SETTINGS = new DomainSettings("mx.agentmail.test", 10, "_spf.agentmail.test", "dkim",
        Optional.of("dmarc@agentmail.test"), false, Optional.empty());

    private final InMemoryDomainRepository domains = new InMemoryDomainRepository();
    private final InMemoryInboxRepository inboxes = new InMemoryInboxRepository();
    private final MailDomains mailDomains = mock(MailDomains.class);
    private final FakeDns dns = new FakeDns();
    private final DomainEvents events = new DomainEvents();
    private final List<Domain> verifiedEvents = new ArrayList<>();
    private final MutableClock clock = new MutableClock();
    private final PlatformSettings platform = new PlatformSettings("agentmail.test", 10, 2, 1024, false);
    private final DomainService service = service(SETTINGS);

    DomainServiceTest() {
        events.subscribe(verifiedEvents::add);
    }

    private DomainService service(DomainSettings settings) {
        return new DomainService(domains, inboxes, mailDomains, dns, events, platform, settings, new MillisecondClock(clock));
    }

    /** Answers from maps the test fills, as a zone would. */
    static final class FakeDns implements DnsLookup {
        final Map<String, List<Mx>> mx = new HashMap<>();
        final Map<String, List<String>> txt = new HashMap<>();
        boolean down;

        @Override
        public List<Mx> mx(String name) {
            check();
            return mx.getOrDefault(name, List.of());
        }

        @Override
        public List<String> txt(String name) {
            check();
            return txt.getOrDefault(name, List.of());
        }

        private void check() {
            if (down) {
                throw new UnavailableException("no answer", null);
            }
        }
    }

    @Test
    void anAddedDomainIsPendingWithFourMissingRecordsAndAKeyOfItsOwn() throws Exception {
        Domain domain = service.create("org_1", new DomainService.NewDomain("Example.COM", null));

        assertThat(domain.name()).isEqualTo("example.com");
        assertThat(domain.status()).isEqualTo(Domain.Status.PENDING);
        assertThat(domain.feedbackEnabled()).isTrue();
        assertThat(domain.createdAt()).isEqualTo(Instant.parse("2025-01-15T10:30:00.123Z"));
        assertThat(domain.records()).extracting(DnsRecord::type, DnsRecord::name, DnsRecord::priority, DnsRecord::status)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(DnsRecord.Type.MX, "example.com", Optional.of(10), DnsRecord.Status.MISSING),
                org.assertj.core.groups.Tuple.tuple(DnsRecord.Type.TXT, "example.com", Optional.empty(), DnsRecord.Status.MISSING),
                org.assertj.core.groups.Tuple.tuple(DnsRecord.Type.TXT, "dkim._domainkey.example.com", Optional.empty(),
                    DnsRecord.Status.MISSING),
                org.assertj.core.groups.Tuple.tuple(DnsRecord.Type.TXT, "_dmarc.example.com", Optional.empty(),
                    DnsRecord.Status.MISSING));
        assertThat(domain.records()).extracting(DnsRecord::value).containsExactly("mx.agentmail.test",
            "v=spf1 include:_spf.agentmail.test ~all", "v=DKIM1; k=rsa; p=" + domain.dkimKey().publicKey(),
            "v=DMARC1; p=none; rua=mailto:dmarc@agentmail.test");
        verify(mailDomains).add("example.com");
        assertThat(domains.find("org_1", "example.com")).contains(domain);

        // The published public key checks what the stored private key signs, and the key is RSA 2048.
        var publicKey = KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(domain.dkimKey().publicKey())));
        assertThat(((java.security.interfaces.RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(service.signingKey("example.com").orElseThrow().privateKey());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(domain.toString()).doesNotContain(domain.dkimKey().privateKey());
    }

    @Test
    void eachDomainGetsADifferentKeyAndFeedbackCanBeTurnedOff() {
        Domain one = service.create("org_1", new DomainService.NewDomain("one.example", false));
        Domain two = service.create("org_1", new DomainService.NewDomain("two.example", true));

        assertThat(one.feedbackEnabled()).isFalse();
        assertThat(two.feedbackEnabled()).isTrue();
        assertThat(one.dkimKey().publicKey()).isNotEqualTo(two.dkimKey().publicKey());
    }

    @Test
    void aNameTakenByAnyOrganizationOrThePlatformIsAConflict() {
        service.create("org_1", new DomainService.NewDomain("example.com", null));

        assertThatThrownBy(() -> service.create("org_2", new DomainService.NewDomain("EXAMPLE.com.", null)))
            .isInstanceOf(DomainTakenException.class);
        assertThatThrownBy(() -> service.create("org_1", new DomainService.NewDomain("example.com", null)))
            .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> service.create("org_2", new DomainService.NewDomain("AgentMail.test", null)))
            .isInstanceOf(ConflictException.class).hasMessageContaining("platform");
        assertThatThrownBy(() -> service.create("org_2", new DomainService.NewDomain("support.agentmail.test", null)))
            .isInstanceOf(ConflictException.class);
    }

    @Test
    void theDomainLimitHolds() {
        service.create("org_1", new DomainService.NewDomain("one.example", null));
        service.create("org_1", new DomainService.NewDomain("two.example", null));

        assertThatThrownBy(() -> service.create("org_1", new DomainService.NewDomain("three.example", null)))
            .isInstanceOf(LimitExceededException.class);
        assertThat(service.create("org_2", new DomainService.NewDomain("three.example", null)).name())
            .isEqualTo("three.example");
    }

    @Test
    void whenTheMailServerRefusesTheDomainTheRowIsRemovedAgain() {
        doThrow(new IllegalStateException("boom")).when(mailDomains).add("example.com");

        assertThatThrownBy(() -> service.create("org_1", new DomainService.NewDomain("example.com", null)))
            .isInstanceOf(IllegalStateException.class);
        assertThat(domains.find("example.com")).isEmpty();
    }

    @Test
    void anotherOrganizationsDomainIsNotFound() {
        service.create("org_1", new DomainService.NewDomain("example.com", null));

        assertThatThrownBy(() -> service.get("org_2", "example.com")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.verify("org_2", "example.com")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete("org_2", "example.com")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.get("org_1", "not a domain\r\n")).isInstanceOf(NotFoundException.class);
        assertThat(service.list("org_2", PageRequest.first()).total()).isZero();
        verify(mailDomains, never()).remove("example.com");
    }

    @Test
    void aDomainWithInboxesCannotBeDeletedUntilTheyAreGone() {
        service.create("org_1", new DomainService.NewDomain("example.com", null));
        Instant at = Instant.ofEpochMilli(1_000);
        inboxes.create(new Inbox("in_1", "org_1", "agent", "example.com", Optional.empty(), Optional.empty(), at, at));

        assertThatThrownBy(() -> service.delete("org_1", "example.com")).isInstanceOf(ConflictException.class);
        verify(mailDomains, never()).remove("example.com");

        inboxes.delete("org_1", "in_1");
        service.delete("org_1", "example.com");
        verify(mailDomains).remove("example.com");
        assertThat(domains.find("example.com")).isEmpty();
    }

    @Test
    void verificationMovesFromMissingToInvalidToValidAndVerifiesOnce() {
        Domain domain = service.create("org_1", new DomainService.NewDomain("example.com", null));
        String key = domain.dkimKey().publicKey();

        Domain missing = service.verify("org_1", "example.com");
        assertThat(missing.records()).extracting(DnsRecord::status).containsOnly(DnsRecord.Status.MISSING);
        assertThat(missing.updatedAt()).as("nothing changed").isEqualTo(domain.updatedAt());

        dns.mx.put("example.com", List.of(new DnsLookup.Mx("mx.agentmail.test", 20)));
        dns.txt.put("example.com", List.of("google-site-verification=abc", "v=spf1 include:_spf.google.com ~all"));
        dns.txt.put("dkim._domainkey.example.com", List.of("v=DKIM1; k=rsa; p=" + key.substring(0, 100)));
        dns.txt.put("_dmarc.example.com", List.of("v=spf1 -all"));
        clock.advance(Duration.ofMinutes(1));
        Domain invalid = service.verify("org_1", "example.com");
        assertThat(invalid.records()).extracting(DnsRecord::status).containsOnly(DnsRecord.Status.INVALID);
        assertThat(invalid.status()).isEqualTo(Domain.Status.PENDING);
        assertThat(invalid.updatedAt()).isAfter(domain.updatedAt());

        dns.mx.put("example.com", List.of(new DnsLookup.Mx("backup.example.com", 20), new DnsLookup.Mx("MX.agentmail.test.", 10)));
        dns.txt.put("example.com", List.of("v=spf1 ip4:192.0.2.1 include:_SPF.agentmail.test -all"));
        dns.txt.put("dkim._domainkey.example.com", List.of("v=DKIM1; k=rsa; p=" + key.substring(0, 200) + " " + key.substring(200)));
        dns.txt.put("_dmarc.example.com", List.of("v=DMARC1; p=reject"));
        assertThat(verifiedEvents).isEmpty();
        Domain valid = service.verify("org_1", "example.com");
        assertThat(valid.records()).extracting(DnsRecord::status).containsOnly(DnsRecord.Status.VALID);
        assertThat(valid.status()).isEqualTo(Domain.Status.VERIFIED);
        assertThat(verifiedEvents).containsExactly(valid);
        assertThat(domains.find("example.com")).contains(valid);

        // A record gone later shows, but neither unverifies the domain nor emits again.
        dns.txt.remove("_dmarc.example.com");
        Domain again = service.verify("org_1", "example.com");
        assertThat(again.status()).isEqualTo(Domain.Status.VERIFIED);
        assertThat(again.records().get(3).status()).isEqualTo(DnsRecord.Status.MISSING);
        assertThat(verifiedEvents).hasSize(1);
    }

    @Test
    void theBackgroundRoundVerifiesPendingDomainsAndSurvivesAnUnavailableResolver() {
        Domain domain = service.create("org_1", new DomainService.NewDomain("example.com", null));
        service.create("org_1", new DomainService.NewDomain("other.example", null));
        dns.down = true;
        assertThat(service.verifyPending(10)).isZero();
        assertThatThrownBy(() -> service.verify("org_1", "example.com")).isInstanceOf(DnsLookup.UnavailableException.class);

        dns.down = false;
        publishAll(domain);
        assertThat(service.verifyPending(10)).isEqualTo(1);
        assertThat(service.get("org_1", "example.com").status()).isEqualTo(Domain.Status.VERIFIED);
        assertThat(verifiedEvents).extracting(Domain::name).containsExactly("example.com");
        assertThat(service.verifyPending(10)).isZero();
        assertThat(verifiedEvents).hasSize(1);
    }

    @Test
    void sendingFromAnUnverifiedDomainIsRefusedUnlessAllowed() {
        Domain domain = service.create("org_1", new DomainService.NewDomain("example.com", null));

        assertThatThrownBy(() -> service.checkCanSendFrom("example.com")).isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("not verified");
        service.checkCanSendFrom("agentmail.test");
        service(new DomainSettings("mx.agentmail.test", 10, "_spf.agentmail.test", "dkim", Optional.empty(), true,
            Optional.empty())).checkCanSendFrom("example.com");

        publishAll(domain);
        service.verify("org_1", "example.com");
        service.checkCanSendFrom("EXAMPLE.com");
    }

    @Test
    void thePlatformDomainSignsOnlyWithAConfiguredKey() throws Exception {
        assertThat(service.signingKey("agentmail.test")).isEmpty();
        assertThat(service.signingKey("unknown.example")).isEmpty();

        var key = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        DomainService withKey = service(new DomainSettings("mx.agentmail.test", 10, "_spf.agentmail.test", "s1",
            Optional.empty(), false, Optional.of(key)));
        DomainService.SigningKey signing = withKey.signingKey("AgentMail.Test").orElseThrow();
        assertThat(signing.selector()).isEqualTo("s1");
        assertThat(signing.privateKey()).isEqualTo(key);
        assertThat(signing.toString()).doesNotContain(Base64.getEncoder().encodeToString(key.getEncoded()));
    }

    private void publishAll(Domain domain) {
        String name = domain.name();
        dns.mx.put(name, List.of(new DnsLookup.Mx("mx.agentmail.test", 10)));
        dns.txt.put(name, List.of("v=spf1 include:_spf.agentmail.test ~all"));
        dns.txt.put("dkim._domainkey." + name, List.of("v=DKIM1; k=rsa; p=" + domain.dkimKey().publicKey()));
        dns.txt.put("_dmarc." + name, List.of("v=DMARC1; p=none"));
    }
}
