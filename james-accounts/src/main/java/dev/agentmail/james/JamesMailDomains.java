package dev.agentmail.james;

import dev.agentmail.domain.port.MailDomains;
import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;

import javax.inject.Inject;

/** Custom domains on James's domain list, which decides what inbound SMTP accepts and which users may exist. */
public class JamesMailDomains implements MailDomains {
    private final DomainList domainList;

    @Inject
    public JamesMailDomains(DomainList domainList) {
        this.domainList = domainList;
    }

    @Override
    public void add(String domain) {
        Domain name = Domain.of(domain);
        try {
            if (!domainList.containsDomain(name)) {
                domainList.addDomain(name);
            }
        } catch (DomainListException e) {
            throw new IllegalStateException("could not add " + domain + " to the mail server's domains", e);
        }
    }

    @Override
    public void remove(String domain) {
        Domain name = Domain.of(domain);
        try {
            if (domainList.containsDomain(name)) {
                domainList.removeDomain(name);
            }
        } catch (DomainListException e) {
            throw new IllegalStateException("could not remove " + domain + " from the mail server's domains", e);
        }
    }
}
