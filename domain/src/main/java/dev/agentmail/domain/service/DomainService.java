package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.error.UnverifiedDomainException;
import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.model.DkimKey;
import dev.agentmail.domain.model.DnsRecord;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.SenderPermission;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.store.DomainRepository;
import dev.agentmail.domain.store.DomainTakenException;
import dev.agentmail.domain.store.InboxRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Custom domains: adding one (with its DKIM key and the DNS records to publish), checking those records, and the
 * rules that follow from a domain's status for inboxes, sending and signing.
 */
public class DomainService {
    private static final Logger LOGGER = LoggerFactory.getLogger(DomainService.class);

    private final DomainRepository domains;
    private final InboxRepository inboxes;
    private final MailDomains mailDomains;
    private final DnsLookup dns;
    private final DomainEvents events;
    private final PlatformSettings platform;
    private final DomainSettings settings;
    private final Clock clock;

    @Inject
    public DomainService(DomainRepository domains, InboxRepository inboxes, MailDomains mailDomains, DnsLookup dns,
                         DomainEvents events, PlatformSettings platform, DomainSettings settings, Clock clock) {
        this.domains = domains;
        this.inboxes = inboxes;
        this.mailDomains = mailDomains;
        this.dns = dns;
        this.events = events;
        this.platform = platform;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code feedbackEnabled} null means the default, true. */
    public record NewDomain(String domain, Boolean feedbackEnabled) {
    }

    /** What signs a domain's outbound mail. */
    public record SigningKey(String domain, String selector, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "SigningKey[domain=" + domain + ", selector=" + selector + "]";
        }
    }

    public Domain create(String organizationId, NewDomain request) {
        String name = DomainNames.normalize("domain", request.domain());
        if (isPlatformName(name)) {
            throw new ConflictException("the domain " + name + " belongs to the platform");
        }
        if (domains.count(organizationId) >= platform.domainLimit()) {
            throw new LimitExceededException("the organization has reached its limit of " + platform.domainLimit()
                + " domains");
        }
        if (domains.find(name).isPresent()) {
            throw new DomainTakenException(name);
        }
        DkimKey key = DkimKeys.generate(settings.dkimSelector());
        Instant now = now();
        Domain domain = new Domain(name, organizationId, Domain.Status.PENDING,
            request.feedbackEnabled() == null || request.feedbackEnabled(), expectedRecords(name, key), key, now, now);
        // The row goes first: its unique name is what stops two organizations from adding one domain at once.
        domains.create(domain);
        try {
            mailDomains.add(name);
        } catch (RuntimeException e) {
            try {
                domains.delete(organizationId, name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        LOGGER.info("Added domain {} for organization {}", name, organizationId);
        return domain;
    }

    public Domain get(String organizationId, String domainId) {
        return DomainNames.lenient(domainId).flatMap(name -> domains.find(organizationId, name))
            .orElseThrow(() -> new NotFoundException("domain", domainId));
    }

    public Page<Domain> list(String organizationId, PageRequest pageRequest) {
        return domains.list(organizationId, pageRequest);
    }

    public void delete(String organizationId, String domainId) {
        Domain domain = get(organizationId, domainId);
        long using = inboxes.countByDomain(domain.name());
        if (using > 0) {
            throw new ConflictException("the domain " + domain.name() + " still has " + using
                + " inbox(es); delete them first");
        }
        // Mail first: a row whose domain James has forgotten can be deleted again; the reverse would strand the name.
        mailDomains.remove(domain.name());
        domains.delete(organizationId, domain.name());
        LOGGER.info("Deleted domain {} of organization {}", domain.name(), organizationId);
    }

    /** Looks every record up and stores what was found; all valid makes the domain VERIFIED. */
    public Domain verify(String organizationId, String domainId) {
        return check(get(organizationId, domainId));
    }

    /** The background round: checks up to {@code limit} pending domains; @return how many became verified */
    public int verifyPending(int limit) {
        int verified = 0;
        for (Domain domain : domains.findPending(limit)) {
            try {
                if (check(domain).verified()) {
                    verified++;
                }
            } catch (DnsLookup.UnavailableException e) {
                LOGGER.warn("Could not check domain {}: {}", domain.name(), e.getMessage());
            }
        }
        return verified;
    }

    /** Inboxes live on the platform domain or on a domain of their organization. @return the domain to use */
    public String usableDomain(String organizationId, String requested) {
        if (requested == null) {
            return platform.domain();
        }
        String name = DomainNames.lenient(requested).orElseThrow(() -> new NotFoundException("domain", requested));
        if (name.equals(platform.domain())) {
            return name;
        }
        return domains.find(organizationId, name).map(Domain::name)
            .orElseThrow(() -> new NotFoundException("domain", requested));
    }

    /** Mail from a custom domain waits for the domain's verification, unless the operator allows unverified sending. */
    public SenderPermission senderPermission(String domain) {
        if (settings.allowUnverifiedSending() || domain.equalsIgnoreCase(platform.domain())) {
            return SenderPermission.ALLOWED;
        }
        return domains.find(domain.toLowerCase(Locale.ROOT)).filter(custom -> !custom.verified())
            .map(custom -> SenderPermission.DOMAIN_NOT_VERIFIED).orElse(SenderPermission.ALLOWED);
    }

    /** @throws UnverifiedDomainException when mail from this domain must wait for its verification */
    public void checkCanSendFrom(String domain) {
        if (senderPermission(domain) == SenderPermission.DOMAIN_NOT_VERIFIED) {
            throw new UnverifiedDomainException(domain.toLowerCase(Locale.ROOT));
        }
    }

    /** The key that signs mail from {@code domain}: its own, or the platform's for the platform domain. */
    public Optional<SigningKey> signingKey(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.equals(platform.domain())) {
            return settings.platformDkimKey().map(key -> new SigningKey(name, settings.dkimSelector(), key));
        }
        return domains.find(name).map(custom -> new SigningKey(name, custom.dkimKey().selector(),
            DkimKeys.privateKey(custom.dkimKey())));
    }

    private Domain check(Domain domain) {
        List<DnsRecord> checked = new ArrayList<>();
        for (DnsRecord record : expectedRecords(domain.name(), domain.dkimKey())) {
            checked.add(record.withStatus(status(record, domain)));
        }
        boolean allValid = checked.stream().allMatch(record -> record.status() == DnsRecord.Status.VALID);
        // A verified domain stays verified: a record that vanishes for a while must not stop its mail.
        Domain.Status status = domain.verified() || allValid ? Domain.Status.VERIFIED : Domain.Status.PENDING;
        Instant now = now();
        boolean changed = status != domain.status() || !checked.equals(domain.records());
        Domain updated = changed ? domain.withVerification(status, checked, now) : domain;
        if (!domains.updateVerification(updated, domain.status(), now)) {
            // Another check got there first; what it stored stands.
            return domains.find(domain.organizationId(), domain.name()).orElse(updated);
        }
        if (!domain.verified() && updated.verified()) {
            LOGGER.info("Domain {} of organization {} is verified", domain.name(), domain.organizationId());
            events.publish(updated);
        }
        return updated;
    }

    private DnsRecord.Status status(DnsRecord expected, Domain domain) {
        if (expected.type() == DnsRecord.Type.MX) {
            List<DnsLookup.Mx> found = dns.mx(expected.name());
            if (found.isEmpty()) {
                return DnsRecord.Status.MISSING;
            }
            return found.stream().anyMatch(mx -> sameHost(mx.host(), expected.value())
                && expected.priority().equals(Optional.of(mx.priority())))
                ? DnsRecord.Status.VALID : DnsRecord.Status.INVALID;
        }
        List<String> found = dns.txt(expected.name());
        if (expected.value().startsWith("v=spf1")) {
            List<String> spf = found.stream().filter(txt -> hasVersion(txt, "v=spf1")).toList();
            return spf.isEmpty() ? DnsRecord.Status.MISSING
                : spf.stream().anyMatch(this::includesOurs) ? DnsRecord.Status.VALID : DnsRecord.Status.INVALID;
        }
        if (expected.value().startsWith("v=DMARC1")) {
            if (found.isEmpty()) {
                return DnsRecord.Status.MISSING;
            }
            return found.stream().anyMatch(txt -> tag(txt, "v").filter("DMARC1"::equals).isPresent())
                ? DnsRecord.Status.VALID : DnsRecord.Status.INVALID;
        }
        if (found.isEmpty()) {
            return DnsRecord.Status.MISSING;
        }
        String ours = domain.dkimKey().publicKey();
        return found.stream().anyMatch(txt -> tag(txt, "p").map(p -> p.replaceAll("\\s", "")).filter(ours::equals).isPresent())
            ? DnsRecord.Status.VALID : DnsRecord.Status.INVALID;
    }

    private List<DnsRecord> expectedRecords(String name, DkimKey key) {
        Optional<Integer> none = Optional.empty();
        DnsRecord.Status missing = DnsRecord.Status.MISSING;
        return List.of(
            new DnsRecord(DnsRecord.Type.MX, name, settings.mxHost(), Optional.of(settings.mxPriority()), missing),
            new DnsRecord(DnsRecord.Type.TXT, name, "v=spf1 include:" + settings.spfInclude() + " ~all", none, missing),
            new DnsRecord(DnsRecord.Type.TXT, key.selector() + "._domainkey." + name,
                "v=DKIM1; k=rsa; p=" + key.publicKey(), none, missing),
            new DnsRecord(DnsRecord.Type.TXT, "_dmarc." + name,
                "v=DMARC1; p=none" + settings.dmarcRua().map(rua -> "; rua=mailto:" + rua).orElse(""), none, missing));
    }

    private boolean includesOurs(String spf) {
        String wanted = "include:" + settings.spfInclude().toLowerCase(Locale.ROOT);
        return Arrays.stream(spf.toLowerCase(Locale.ROOT).split("\\s+"))
            .map(term -> term.startsWith("+") ? term.substring(1) : term)
            .anyMatch(wanted::equals);
    }

    private static boolean hasVersion(String txt, String version) {
        String lower = txt.strip().toLowerCase(Locale.ROOT);
        return lower.equals(version) || lower.startsWith(version + " ");
    }

    /** A tag of a DKIM or DMARC tag list ({@code v=DKIM1; k=rsa; p=...}). */
    private static Optional<String> tag(String txt, String name) {
        for (String part : txt.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).strip().equalsIgnoreCase(name)) {
                return Optional.of(part.substring(equals + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static boolean sameHost(String found, String expected) {
        return strip(found).equalsIgnoreCase(strip(expected));
    }

    private static String strip(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private boolean isPlatformName(String name) {
        return name.equals(platform.domain()) || name.endsWith("." + platform.domain());
    }

    private Instant now() {
        return clock.instant();
    }
}
