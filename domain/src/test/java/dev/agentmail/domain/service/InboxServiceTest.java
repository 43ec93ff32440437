package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.store.InboxRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

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
    private final InboxRepository inboxes = mock(InboxRepository.class);
    private final MailAccounts mailAccounts = mock(MailAccounts.class);
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-15T10:30:00.123456Z"), ZoneOffset.UTC);
    private InboxService service;

    @BeforeEach
    void setUp() {
        service = new InboxService(inboxes, mailAccounts, new PlatformSettings("AgentMail.Test", 2, 1, 1024 * 1024), clock);
        when(inboxes.findByAddress(anyString(), anyString())).thenReturn(Optional.empty());
    }

    @Test
    void createsTheRowThenTheMailAccountOnThePlatformDomain() {
        Inbox inbox = service.create("org_1", new InboxService.NewInbox("Agent.One", null, "Agent One", null));

        assertThat(inbox.emailAddress()).isEqualTo("agent.one@agentmail.test");
        assertThat(inbox.createdAt()).isEqualTo(Instant.parse("2025-01-15T10:30:00.123Z"));
        InOrder order = inOrder(inboxes, mailAccounts);
        order.verify(inboxes).create(inbox);
        order.verify(mailAccounts).provision("agent.one@agentmail.test");
    }

    @Test
    void aFailedProvisioningLeavesNoRowBehind() {
        doThrow(new IllegalStateException("james is down")).when(mailAccounts).provision(anyString());

        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("agent", null, null, null)))
            .hasMessageContaining("james is down");
        verify(inboxes).delete(any(), any());
    }

    @Test
    void theInboxLimitIsChecked() {
        when(inboxes.count("org_1")).thenReturn(2L);

        assertThatThrownBy(() -> service.create("org_1", new InboxService.NewInbox("agent", null, null, null)))
            .isInstanceOf(LimitExceededException.class);
        verify(mailAccounts, never()).provision(anyString());
    }

    @Test
    void deletionRemovesTheMailAccountBeforeTheRow() {
        Inbox inbox = service.create("org_1", new InboxService.NewInbox("agent", null, null, null));
        when(inboxes.find("org_1", inbox.id())).thenReturn(Optional.of(inbox));

        service.delete("org_1", inbox.id());

        InOrder order = inOrder(mailAccounts, inboxes);
        order.verify(mailAccounts).remove("agent@agentmail.test");
        order.verify(inboxes).delete("org_1", inbox.id());
    }

    @Test
    void anotherOrganizationsInboxIsNotFound() {
        when(inboxes.find("org_2", "in_1")).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.get("org_2", "in_1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete("org_2", "in_1")).isInstanceOf(NotFoundException.class);
        verify(mailAccounts, never()).remove(anyString());
    }
}
