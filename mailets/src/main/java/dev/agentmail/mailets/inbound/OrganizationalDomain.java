package dev.agentmail.mailets.inbound;

import com.google.common.net.InternetDomainName;

import java.util.Locale;

/**
 * The organizational domain of RFC 7489 3.2: the registered domain under a public suffix, found with the public
 * suffix list that ships in Guava. A name under no listed suffix (a private TLD such as {@code .test}) counts its
 * last two labels, as the list's default rule {@code *} says.
 */
final class OrganizationalDomain {
    private OrganizationalDomain() {
    }

    static String of(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        try {
            InternetDomainName parsed = InternetDomainName.from(name);
            if (parsed.isUnderPublicSuffix()) {
                return parsed.topPrivateDomain().toString();
            }
            if (parsed.isPublicSuffix()) {
                return name;
            }
        } catch (IllegalArgumentException notADomainName) {
            return name;
        }
        String[] labels = name.split("\\.");
        return labels.length <= 2 ? name : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** Relaxed alignment: the same organizational domain; strict: the same name. */
    static boolean aligned(String identifier, String fromDomain, boolean strict) {
        return strict ? identifier.equalsIgnoreCase(fromDomain) : of(identifier).equals(of(fromDomain));
    }
}
