package dev.agentmail.mailets.inbound;

import dev.agentmail.domain.model.Authentication;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.mailets.inbound.DmarcRecord.Disposition;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.impl.DNSPublicKeyRecordRetriever;
import org.apache.james.jdkim.mailets.DKIMVerifier;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Resolver;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks who a message received from outside comes from: SPF of the client's address for the MAIL FROM domain (or the
 * HELO name for a null sender) with Apache jSPF, its DKIM signatures with jDKIM (through James's DKIM mailet
 * library), and DMARC: either identity passing and aligned with the From domain, and what that domain's policy asks
 * for mail that fails. Every lookup goes to one resolver (AGENTMAIL_DNS_SERVER when set).
 */
public class InboundAuthenticator {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundAuthenticator.class);

    private final SPF spf;
    private final DKIMVerifier dkim;
    private final DnsLookup dns;

    public InboundAuthenticator(Resolver resolver, DnsLookup dns) {
        this.spf = spf(resolver);
        this.dkim = new DKIMVerifier(new DNSPublicKeyRecordRetriever(resolver));
        this.dns = dns;
    }

    /**
     * jSPF wired as its {@code SPF(DNSService)} constructor does, with its synchronous executor: the asynchronous
     * one looks up through the machine's resolver whatever it is given, and stops short of the TXT lookup when a
     * server has no record of type SPF.
     */
    private static SPF spf(Resolver resolver) {
        DNSServiceXBillImpl dns = new DNSServiceXBillImpl(resolver);
        MacroExpand macros = new MacroExpand(dns);
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        wiring.put(MacroExpandEnabled.class, macros);
        SPF spf = new SPF(dns, new RFC4408SPF1Parser(new DefaultTermsFactory(wiring)), macros,
            new SynchronousSPFExecutor(dns));
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    /**
     * What the three checks found, the identities they were about, and what the From domain's DMARC policy asks for
     * this message (always {@link Disposition#NONE} when DMARC passed).
     */
    public record Verdict(Authentication results, String spfIdentity, String dkimDomain, String fromDomain,
                          Disposition disposition) {
    }

    /** @param mailFrom the envelope sender, empty for a null sender ({@code MAIL FROM:<>}) */
    public Verdict evaluate(String clientAddress, String helo, String mailFrom, MimeMessage message) {
        String spfResult = spf.checkSPF(clientAddress, mailFrom, helo).getResult();
        String spfIdentity = mailFrom.isEmpty() ? helo : mailFrom;
        String spfDomain = spfIdentity.substring(spfIdentity.lastIndexOf('@') + 1);

        String dkimResult;
        List<String> signers = List.of();
        try {
            List<SignatureRecord> verified = dkim.verifyUsingCRLF(message);
            if (verified == null || verified.isEmpty()) {
                dkimResult = "none";
            } else {
                dkimResult = "pass";
                signers = verified.stream().map(record -> record.getDToken().toString().toLowerCase(Locale.ROOT)).toList();
            }
        } catch (TempFailException e) {
            dkimResult = "temperror";
        } catch (FailException e) {
            dkimResult = "fail";
        } catch (MessagingException | RuntimeException e) {
            LOGGER.info("Could not check the DKIM signatures of a message: {}", e.toString());
            dkimResult = "permerror";
        }

        Optional<String> fromDomain = fromDomain(message);
        String dmarc = "none";
        Disposition disposition = Disposition.NONE;
        String dkimDomain = signers.isEmpty() ? "" : signers.get(0);
        if (fromDomain.isPresent()) {
            try {
                Optional<Policy> policy = policy(fromDomain.get());
                if (policy.isPresent()) {
                    DmarcRecord record = policy.get().record();
                    Optional<String> alignedSigner = signers.stream()
                        .filter(signer -> OrganizationalDomain.aligned(signer, fromDomain.get(), record.strictDkim()))
                        .findFirst();
                    boolean spfAligned = spfResult.equals("pass")
                        && OrganizationalDomain.aligned(spfDomain, fromDomain.get(), record.strictSpf());
                    dkimDomain = alignedSigner.orElse(dkimDomain);
                    if (alignedSigner.isPresent() || spfAligned) {
                        dmarc = "pass";
                    } else {
                        dmarc = "fail";
                        disposition = applied(record.policyFor(policy.get().atOrganizationalDomain()), record.percent());
                    }
                }
            } catch (RuntimeException lookupFailed) {
                dmarc = "temperror";
            }
        }
        return new Verdict(new Authentication(spfResult, dkimResult, dmarc), spfIdentity, dkimDomain,
            fromDomain.orElse(""), disposition);
    }

    private record Policy(DmarcRecord record, boolean atOrganizationalDomain) {
    }

    /** The From domain's record, else its organizational domain's (RFC 7489 6.6.3); several records count as none. */
    private Optional<Policy> policy(String fromDomain) {
        Optional<DmarcRecord> own = record(fromDomain);
        if (own.isPresent()) {
            return Optional.of(new Policy(own.get(), false));
        }
        String organizational = OrganizationalDomain.of(fromDomain);
        if (organizational.equals(fromDomain)) {
            return Optional.empty();
        }
        return record(organizational).map(record -> new Policy(record, true));
    }

    private Optional<DmarcRecord> record(String domain) {
        List<DmarcRecord> records = dns.txt("_dmarc." + domain).stream()
            .map(DmarcRecord::parse).flatMap(Optional::stream).toList();
        return records.size() == 1 ? Optional.of(records.get(0)) : Optional.empty();
    }

    private static Disposition applied(Disposition policy, int percent) {
        return percent >= 100 || ThreadLocalRandom.current().nextInt(100) < percent ? policy : policy.milder();
    }

    /** The one author's domain; a message with no From, or several, has none DMARC could check. */
    private static Optional<String> fromDomain(MimeMessage message) {
        try {
            String[] from = message.getHeader("From");
            if (from == null || from.length != 1) {
                return Optional.empty();
            }
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            if (addresses.length != 1 || addresses[0].getAddress() == null || !addresses[0].getAddress().contains("@")) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            return Optional.of(address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
