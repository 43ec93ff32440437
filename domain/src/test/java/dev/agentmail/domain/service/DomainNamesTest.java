package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainNamesTest {
    @Test
    void namesAreLowerCasedAndIdnsTakeTheirALabelForm() {
        assertThat(DomainNames.normalize("domain", "Example.COM")).isEqualTo("example.com");
        assertThat(DomainNames.normalize("domain", "example.com.")).isEqualTo("example.com");
        assertThat(DomainNames.normalize("domain", "Bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DomainNames.normalize("domain", "xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DomainNames.normalize("domain", "mail.例え.jp")).isEqualTo("mail.xn--r8jz45g.jp");
        assertThat(DomainNames.normalize("domain", "a-b.c-d.example")).isEqualTo("a-b.c-d.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "example", "example.com\r\nBcc: x", "exa mple.com", "ex_ample.com", "-example.com",
        "example-.com", "example..com", ".example.com", "192.168.0.1", "xn--zz.example", "a@b.com", "example.com/x",
        "ex\u0000ample.com"})
    void invalidNamesAreRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> DomainNames.normalize("domain", name))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("domain"));
    }

    @Test
    void labelsAndNamesHaveMaximumLengths() {
        String label63 = "a".repeat(63);
        assertThat(DomainNames.normalize("domain", label63 + ".example")).isEqualTo(label63 + ".example");
        assertThatThrownBy(() -> DomainNames.normalize("domain", "a".repeat(64) + ".example"))
            .isInstanceOf(InvalidInputException.class);
        String long254 = (label63 + ".").repeat(3) + "a".repeat(60) + ".x";
        assertThat(long254).hasSize(254);
        assertThatThrownBy(() -> DomainNames.normalize("domain", long254)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> DomainNames.normalize("domain", "x".repeat(10_000) + ".com"))
            .isInstanceOf(InvalidInputException.class).hasMessageNotContaining("x".repeat(100));
    }

    @Test
    void leniencyForIdsMeansNotFoundRatherThanAnError() {
        assertThat(DomainNames.lenient("Example.com")).contains("example.com");
        assertThat(DomainNames.lenient("not a domain")).isEmpty();
    }
}
