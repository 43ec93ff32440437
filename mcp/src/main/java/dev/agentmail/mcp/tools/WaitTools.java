package dev.agentmail.mcp.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.model.Wait;
import dev.agentmail.domain.service.MessageService;
import dev.agentmail.mcp.Schema;
import dev.agentmail.mcp.Tool;
import dev.agentmail.mcp.ToolCall;
import dev.agentmail.mcp.ToolSet;
import dev.agentmail.mcp.UntrustedContent;

import javax.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * wait_for_message and wait_for_code: the long-poll of {@link MessageService}, which listens for received mail
 * rather than polling, bounded by {@link Wait#MAX}. Nothing arriving is a result, not an error.
 */
public class WaitTools implements ToolSet {
    static final long DEFAULT_WAIT_SECONDS = 30;
    private static final String TIMING = "Waits up to timeout_seconds (default " + DEFAULT_WAIT_SECONDS + ", at most "
        + Wait.MAX.toSeconds() + "; many clients give up on a call after 60 s) and answers as soon as "
        + "it arrives; found is false when nothing did. ";

    private final MessageService messages;

    @Inject
    public WaitTools(MessageService messages) {
        this.messages = messages;
    }

    record WaitArgs(@JsonProperty("inbox_id") String inboxId, @JsonProperty("timeout_seconds") Long timeoutSeconds,
                    String since) {
    }

    @Override
    public List<Tool> tools() {
        return List.of(
            new Tool("wait_for_message", "Wait for a message",
                "The newest received message of an inbox (newer than since, when given); if there is none yet, the "
                    + "first one to arrive. " + TIMING + UntrustedContent.DESCRIPTION,
                waitInput(),
                Schema.object().required("found", Schema.bool("whether a message was there or arrived in time"))
                    .optional("message", Views.messageSchema())
                    .required(Views.MARKER, Views.markerSchema()),
                Tool.Hints.READ_ONLY, Permission.READ,
                call -> wait(call, (organizationId, inboxId, since, wait) ->
                    messages.latestInbound(organizationId, inboxId, since, wait), "no message has been received",
                    "no message arrived", (message, untrusted) -> {
                        ObjectNode result = Views.JSON.objectNode().put("found", true);
                        result.set("message", Views.message(message, untrusted, false, Map.of()));
                        return new Tool.ToolOutput(result, Views.messageText(message, untrusted));
                    })),
            new Tool("wait_for_code", "Wait for a verification code",
                "The verification code (and confirmation link) of the newest received message that has one, newer "
                    + "than since when given; if there is none yet, of the first such message to arrive: the way to "
                    + "finish a sign-up. " + TIMING + UntrustedContent.DESCRIPTION,
                waitInput(),
                Schema.object().required("found", Schema.bool("whether such a message was there or arrived in time"))
                    .optional("code", Schema.string("the code a person would type"))
                    .optional("link", Schema.string("the link a person would click to confirm"))
                    .optional("sentence", Schema.string("the sentence the code was found in, as an untrusted-content block"))
                    .optional("message_id", Schema.string("the message it was found in"))
                    .optional("from", Schema.string("that message's sender"))
                    .optional("subject", Schema.string("that message's subject, as an untrusted-content block"))
                    .optional("timestamp", Views.timeSchema("when that message was received"))
                    .required(Views.MARKER, Views.markerSchema()),
                Tool.Hints.READ_ONLY, Permission.READ,
                call -> wait(call, (organizationId, inboxId, since, wait) ->
                    messages.latestWithCode(organizationId, inboxId, since, wait),
                    "no received message has a verification code or link",
                    "no message with a verification code or link arrived", (message, untrusted) -> {
                        ObjectNode result = Views.JSON.objectNode().put("found", true);
                        message.analysis().code().ifPresent(code -> result.put("code", code));
                        message.analysis().link().ifPresent(link -> result.put("link", link));
                        message.analysis().codeSentence().ifPresent(sentence -> result.put("sentence", untrusted.wrap(sentence)));
                        result.put("message_id", message.id()).put("from", message.content().from())
                            .put("subject", untrusted.wrap(message.content().subject()))
                            .put("timestamp", Views.time(message.timestamp()));
                        return new Tool.ToolOutput(result, message.analysis().code().map(code -> "Code: " + code).orElse("No code")
                            + message.analysis().link().map(link -> "\nLink: " + link).orElse("")
                            + "\nFrom " + message.content().from() + " in message " + message.id() + ", subject "
                            + untrusted.wrap(message.content().subject()));
                    })));
    }

    @FunctionalInterface
    private interface Awaiting {
        CompletableFuture<Optional<StoredMessage>> await(String organizationId, String inboxId, Optional<Instant> since,
                                                         Wait wait);
    }

    @FunctionalInterface
    private interface Found {
        Tool.ToolOutput render(StoredMessage message, UntrustedContent untrusted);
    }

    private CompletableFuture<Tool.ToolOutput> wait(ToolCall call, Awaiting awaiting, String noneYet,
                                                    String noneArrived, Found found) throws Exception {
        WaitArgs args = call.arguments(WaitArgs.class);
        String inboxId = Required.text("inbox_id", args.inboxId());
        long seconds = args.timeoutSeconds() == null ? DEFAULT_WAIT_SECONDS : args.timeoutSeconds();
        if (seconds < 0 || seconds > Wait.MAX.toSeconds()) {
            throw new InvalidInputException("timeout_seconds",
                "timeout_seconds must be between 0 and " + Wait.MAX.toSeconds());
        }
        Optional<Instant> since = messages.newerThan(call.organizationId(), inboxId, args.since());
        UntrustedContent untrusted = call.untrusted();
        return awaiting.await(call.organizationId(), inboxId, since, Wait.ofSeconds(seconds))
            .thenApply(message -> {
                Tool.ToolOutput output = message.map(m -> found.render(m, untrusted)).orElseGet(() ->
                    new Tool.ToolOutput(Views.JSON.objectNode().put("found", false), seconds == 0
                        ? noneYet + (args.since() == null ? "" : " since " + args.since())
                        : noneArrived + " within " + seconds + " seconds"));
                output.structured().put(Views.MARKER, untrusted.marker());
                return output;
            });
    }

    private static Schema waitInput() {
        return Schema.object().required("inbox_id", Inputs.inboxId())
            .optional("timeout_seconds", Schema.integer("how long to wait, in seconds", 0,
                Wait.MAX.toSeconds()))
            .optional("since", Schema.string("only newer than this: a message_id of the inbox or an ISO-8601 time"));
    }
}
