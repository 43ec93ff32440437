package dev.agentmail.domain.service;

import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.MailAccounts;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.store.AddressTakenException;
import dev.agentmail.domain.store.ClientIdTakenException;
import dev.agentmail.domain.store.DomainRepositoryContract;
import dev.agentmail.domain.store.InMemoryDomainRepository;
import dev.agentmail.domain.store.InboxRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class InboxServiceTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00.123Z");

    private final InboxRepository inboxes = mock(InboxRepository.class);
    private final MailAccounts mailAccounts = mock(MailAccounts.class);
    private final InMemoryDomainRepository customDomains = new InMemoryDomainRepository();
    private final Clock clock = new MillisecondClock(Clock.fixed(Instant.parse("2025-01-15T10:30:00.123456Z"), ZoneOffset.UTC));
    private InboxService service;

    @BeforeEach
    void setUp() {
        PlatformSettings settings = new PlatformSettings("AgentMail.Test", 2, 1, 1024 * 1024, false);
        DomainService domainService = new DomainService(customDomains, inboxes, mock(MailDomains.class),
            mock(DnsLookup.class), new DomainEvents(), settings, DomainServiceTest.SETTINGS, clock);
        service = new InboxService(inboxes, mailAccounts, domainService, settings, clock);
        when(inboxes.findByAddress(anyString(), anyString())).thenReturn(Optional.empty());
    }

    private static InboxService.NewInbox named(String username) {
        return new InboxService.NewInbox(username, null, null, null);
    }

    private static Inbox stored(String id, String organizationId) {
        return new Inbox(id, organizationId, "agent", "agentmail.test", Optional.of("Agent"), Optional.of("client-1"),
            Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000));
    }

    @Test
    void createsTheRowThenTheMailAccountOnThePlatformDomain() {
        Inbox inbox = service.create("org_1", new InboxService.NewInbox("Agent.One", null, "  Agent One ", "run-42"));

        assertThat(inbox.emailAddress()).isEqualTo("agent.one@agentmail.test");
        assertThat(inbox.organizationId()).isEqualTo("org_1");
        assertThat(inbox.displayName()).contains("Agent One");
        assertThat(inbox.clientId()).contains("run-42");
        assertThat(inbox.id()).matches("[a-z0-9]{24}");
        assertThat(inbox.createdAt()).isEqualTo(NOW);
        assertThat(inbox.updatedAt()).isEqualTo(NOW);
        InOrder order = inOrder(inboxes, mailAccounts);
        order.verify(inboxes).create(inbox);
        order.verify(mailAccounts).provision("agent.one@agentmail.test");
    }

    @Test
    void anInboxInApprovalModeGetsTheApprovalFolders() {
        Inbox inbox = service.create("org_1", new InboxService.NewInbox("held", null, null, null, null, "approval"));

        assertThat(inbox.sendMode()).isEqualTo(dev.agentmail.domain.model.SendMode.APPROVAL);
        verify(mailAccounts).provision("held@agentmail.test");
        verify(mailAccounts).provisionApprovalFolders("held@agentmail.test");
        assertThat(service.create("org_1", named("direct")).sendMode())
            .isEqualTo(dev.agentmail.domain.model.SendMode.DIRECT);
        verify(mailAccounts, never()).provisionApprovalFolders("direct@agentmail.test");
    }

    @Test
    void anUnknownSendModeOrAnApprovalDisposableInboxIsRefused() {
        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("x", null, null, null, null,
            "manual"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("send_mode");
        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("y", null, null, null, 60L,
            "approval"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("disposable");
    }

    @Test
    void aClientIdTheOrganizationUsesAnswersWithItsInboxAndCreatesNothing() {
        Inbox existing = stored("in_1", "org_1");
        when(inboxes.findByClientId("org_1", "client-1")).thenReturn(Optional.of(existing));

        InboxService.Creation creation = service.createOrFind("org_1",
            new InboxService.NewInbox("other", null, null, "client-1"));

        assertThat(creation).isEqualTo(new InboxService.Creation(existing, false));
        verify(inboxes, never()).create(any());
        verify(mailAccounts, never()).provision(anyString());
    }

    @Test
    void aCreationThatLosesTheRaceForItsClientIdAnswersWithTheWinner() {
        Inbox winner = stored("in_1", "org_1");
        when(inboxes.findByClientId("org_1", "client-1")).thenReturn(Optional.empty(), Optional.of(winner));
        doThrow(new ClientIdTakenException()).when(inboxes).create(any());

        InboxService.Creation creation = service.createOrFind("org_1",
            new InboxService.NewInbox("agent", null, null, "client-1"));

        assertThat(creation).isEqualTo(new InboxService.Creation(winner, false));
        verify(mailAccounts, never()).provision(anyString());
    }

    @Test
    void aNewInboxIsCreated() {
        assertThat(service.createOrFind("org_1", new InboxService.NewInbox("agent", null, null, "client-1")).created())
            .isTrue();
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        Inbox inbox = service.create("org_1", named("agent"));

        assertThat(inbox.displayName()).isEmpty();
        assertThat(inbox.clientId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "agent", "agent.one", "a_b", "a%b", "a+b", "a-b", "0123", "x.y.z-9_%+",
        "a234567890123456789012345678901234567890123456789012345678901234"})
    void acceptsUsernamesOfTheAllowedCharacters(String username) {
        assertThat(service.create("org_1", named(username)).username()).isEqualTo(username);
    }

    @Test
    void usernamesAreLowerCased() {
        Inbox inbox = service.create("org_1", named("Agent-ONE"));

        assertThat(inbox.username()).isEqualTo("agent-one");
        verify(inboxes).findByAddress("agent-one", "agentmail.test");
        verify(mailAccounts).provision("agent-one@agentmail.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "agent one", "agent@x", "agent/x", "agent!", "agént", "agent\r\nBcc: x", "a\tb",
        ".agent", "agent.", "a..b", ".", "..",
        "a2345678901234567890123456789012345678901234567890123456789012345"})
    void refusesInvalidUsernames(String username) {
        assertThatThrownBy(() -> service.create("org_1", named(username)))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("username"));
        verify(inboxes, never()).create(any());
        verify(mailAccounts, never()).provision(anyString());
    }

    @Test
    void aMissingUsernameIsRefused() {
        assertThatThrownBy(() -> service.create("org_1", named(null)))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("username"));
    }

    @Test
    void inboxesLiveOnThePlatformDomainOrOnADomainOfTheirOrganization() {
        customDomains.create(DomainRepositoryContract.domain("xn--bcher-kva.example", "org_1", 1_000));

        assertThat(service.create("org_1", new InboxService.NewInbox("a", "Bücher.example", null, null)).emailAddress())
            .isEqualTo("a@xn--bcher-kva.example");
        assertThatThrownBy(() -> service.create("org_2", new InboxService.NewInbox("a", "xn--bcher-kva.example", null, null)))
            .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDomainMayBeNamedInAnyCaseButOnlyThePlatformDomainIsServed() {
        assertThat(service.create("org_1", new InboxService.NewInbox("a", "AGENTMAIL.test", null, null)).domain())
            .isEqualTo("agentmail.test");

        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("b", "example.com", null, null)))
            .isInstanceOf(NotFoundException.class);
        verify(mailAccounts, never()).provision("b@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Agent\r\nBcc: victim@example.com", "Agent\nOne", "Agent\rOne", "Agent\u0000"})
    void lineBreaksAreRefusedInTheDisplayNameAndClientId(String value) {
        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("agent", null, value, null)))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("display_name"));
        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("agent", null, null, value)))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("client_id"));
        verify(inboxes, never()).create(any());
    }

    @Test
    void overlongDisplayNamesAndClientIdsAreRefused() {
        String tooLong = "x".repeat(201);

        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("agent", null, tooLong, null)))
            .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("agent", null, null, tooLong)))
            .isInstanceOf(InvalidInputException.class);
        assertThat(service.create("org_1", new InboxService.NewInbox("agent", null, "x".repeat(200), null))
            .displayName()).contains("x".repeat(200));
    }

    @Test
    void theInboxLimitIsChecked() {
        when(inboxes.count("org_1")).thenReturn(2L);

        assertThatThrownBy(() -> service.create("org_1", named("agent")))
            .isInstanceOf(LimitExceededException.class);
        verify(inboxes, never()).create(any());
        verify(mailAccounts, never()).provision(anyString());
    }

    @Test
    void anInboxBelowTheLimitIsCreated() {
        when(inboxes.count("org_1")).thenReturn(1L);

        service.create("org_1", named("agent"));

        verify(mailAccounts).provision("agent@agentmail.test");
    }

    @Test
    void aTakenAddressIsAConflict() {
        when(inboxes.findByAddress("agent", "agentmail.test")).thenReturn(Optional.of(stored("in_1", "org_2")));

        assertThatThrownBy(() -> service.create("org_1", named("Agent")))
            .isInstanceOf(AddressTakenException.class)
            .isInstanceOf(ConflictException.class)
            .hasMessageContaining("agent@agentmail.test");
        verify(inboxes, never()).create(any());
        verify(mailAccounts, never()).provision(anyString());
    }

    /** The store's unique address decides a race that the check before the insert missed. */
    @Test
    void anAddressTakenConcurrentlyIsAConflictAndProvisionsNothing() {
        doThrow(new AddressTakenException("agent@agentmail.test")).when(inboxes).create(any());

        assertThatThrownBy(() -> service.create("org_1", named("agent"))).isInstanceOf(AddressTakenException.class);
        verify(mailAccounts, never()).provision(anyString());
        verify(inboxes, never()).delete(any(), any());
    }

    @Test
    void aFailedProvisioningLeavesNoRowBehind() {
        doThrow(new IllegalStateException("james is down")).when(mailAccounts).provision(anyString());

        assertThatThrownBy(() -> service.create("org_1", named("agent")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("james is down");
        ArgumentCaptor<Inbox> created = ArgumentCaptor.forClass(Inbox.class);
        InOrder order = inOrder(inboxes, mailAccounts);
        order.verify(inboxes).create(created.capture());
        order.verify(mailAccounts).provision("agent@agentmail.test");
        order.verify(inboxes).delete("org_1", created.getValue().id());
    }

    @Test
    void getReturnsTheInboxOfTheOrganization() {
        Inbox inbox = stored("in_1", "org_1");
        when(inboxes.find("org_1", "in_1")).thenReturn(Optional.of(inbox));

        assertThat(service.get("org_1", "in_1")).isEqualTo(inbox);
    }

    @Test
    void listIsTheRepositorysPage() {
        Page<Inbox> page = new Page<>(List.of(stored("in_1", "org_1")), 7, 2, 1);
        when(inboxes.list("org_1", new PageRequest(2, 1))).thenReturn(page);

        assertThat(service.list("org_1", new PageRequest(2, 1))).isEqualTo(page);
    }

    @Test
    void deletionRemovesTheMailAccountBeforeTheRow() {
        Inbox inbox = service.create("org_1", named("agent"));
        when(inboxes.find("org_1", inbox.id())).thenReturn(Optional.of(inbox));

        service.delete("org_1", inbox.id());

        InOrder order = inOrder(mailAccounts, inboxes);
        order.verify(mailAccounts).remove("agent@agentmail.test");
        order.verify(inboxes).delete("org_1", inbox.id());
    }

    @Test
    void aFailedAccountRemovalKeepsTheRow() {
        when(inboxes.find("org_1", "in_1")).thenReturn(Optional.of(stored("in_1", "org_1")));
        doThrow(new IllegalStateException("james is down")).when(mailAccounts).remove(anyString());

        assertThatThrownBy(() -> service.delete("org_1", "in_1")).isInstanceOf(IllegalStateException.class);
        verify(inboxes, never()).delete(any(), any());
    }

    @Test
    void anotherOrganizationsInboxIsNotFound() {
        when(inboxes.find("org_2", "in_1")).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.get("org_2", "in_1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete("org_2", "in_1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.updateDisplayName("org_2", "in_1", "x")).isInstanceOf(NotFoundException.class);
        verify(mailAccounts, never()).remove(anyString());
        verify(inboxes, never()).delete(any(), any());
        verify(inboxes, never()).update(any());
    }

    @Test
    void updatingTheDisplayNameStampsUpdatedAtOnly() {
        Inbox inbox = stored("in_1", "org_1");
        when(inboxes.find("org_1", "in_1")).thenReturn(Optional.of(inbox));

        Inbox renamed = service.updateDisplayName("org_1", "in_1", " New name ");

        assertThat(renamed).isEqualTo(new Inbox("in_1", "org_1", "agent", "agentmail.test", Optional.of("New name"),
            Optional.of("client-1"), Instant.ofEpochMilli(1_000), NOW));
        verify(inboxes).update(renamed);
    }

    @Test
    void aNullDisplayNameClearsIt() {
        when(inboxes.find("org_1", "in_1")).thenReturn(Optional.of(stored("in_1", "org_1")));

        assertThat(service.updateDisplayName("org_1", "in_1", null).displayName()).isEmpty();
    }

    @Test
    void anUpdatedDisplayNameIsCheckedToo() {
        when(inboxes.find("org_1", "in_1")).thenReturn(Optional.of(stored("in_1", "org_1")));

        assertThatThrownBy(() -> service.updateDisplayName("org_1", "in_1", "a\r\nb"))
            .isInstanceOf(InvalidInputException.class);
        verify(inboxes, never()).update(any());
    }

    @Test
    void aKeyScopedToInboxesResolvesAndListsOnlyThose() {
        when(inboxes.find("org_1", "in_1")).thenReturn(Optional.of(stored("in_1", "org_1")));
        when(inboxes.find("org_1", "in_2")).thenReturn(Optional.of(stored("in_2", "org_1")));
        KeyScope scope = new KeyScope(Optional.of(Set.of("in_1", "in_gone")), Optional.empty());

        CallerScope.with(scope, () -> {
            assertThat(service.get("org_1", "in_1").id()).isEqualTo("in_1");
            assertThatThrownBy(() -> service.get("org_1", "in_2")).isInstanceOf(NotFoundException.class);
            assertThat(service.list("org_1", PageRequest.first()).data()).extracting(Inbox::id).containsExactly("in_1");
            assertThat(service.list("org_1", PageRequest.first()).total()).isEqualTo(1);
            assertThatThrownBy(() -> service.create("org_1", named("new"))).isInstanceOf(ForbiddenException.class);
            return null;
        });
        verify(inboxes, never()).create(any());
        assertThat(service.get("org_1", "in_2").id()).isEqualTo("in_2");
    }
}
