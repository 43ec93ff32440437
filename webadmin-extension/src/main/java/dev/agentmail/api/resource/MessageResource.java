package dev.agentmail.api.resource;

import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.api.Idempotent;
import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.api.dto.AttachmentLinkResponse;
import dev.agentmail.api.dto.CodeResponse;
import dev.agentmail.api.dto.LabelsRequest;
import dev.agentmail.api.dto.MessageResponse;
import dev.agentmail.api.dto.MessageSummaryResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.api.dto.SendRequests.ForwardRequest;
import dev.agentmail.api.dto.SendRequests.ReplyRequest;
import dev.agentmail.api.dto.SendRequests.SendRequest;
import dev.agentmail.api.dto.SendRequests.SentResponse;
import dev.agentmail.api.dto.SendRequests;
import dev.agentmail.api.dto.TextLinks;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.model.Wait;
import dev.agentmail.domain.service.AttachmentService;
import dev.agentmail.domain.service.MessageService;
import dev.agentmail.domain.service.SendService;

import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.DELETE;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

@Path("/api/v0/inboxes/{inboxId}/messages")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.READ)
public class MessageResource {
    private final MessageService messages;
    private final SendService sending;
    private final AttachmentService attachments;
    private final ApiServerSettings settings;
    private final TextLinks textLinks;

    @Inject
    public MessageResource(MessageService messages, SendService sending, AttachmentService attachments,
                           ApiServerSettings settings) {
        this.messages = messages;
        this.sending = sending;
        this.attachments = attachments;
        this.settings = settings;
        this.textLinks = TextLinks.under(settings.publicUrl());
    }

    /** The message with its attachments' text as far as it is read. */
    private MessageResponse withTexts(StoredMessage message) {
        return MessageResponse.of(message, attachments.texts(message), textLinks);
    }

    /** Attachment metadata and a signed download link that needs no API key and expires. */
    @GET
    @Path("/{messageId}/attachments/{attachmentId}")
    public AttachmentLinkResponse attachment(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                             @PathParam("messageId") String messageId,
                                             @PathParam("attachmentId") String attachmentId) {
        AttachmentService.Link link = attachments.link(Caller.of(security).organizationId(), inboxId, messageId, attachmentId);
        return AttachmentLinkResponse.of(link,
            settings.publicUrl().replaceAll("/+$", "") + AttachmentDownloadResource.PATH + "/" + link.token(), textLinks);
    }

    @POST
    @Idempotent
    @Path("/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.SEND)
    public Response send(@Context SecurityContext security, @PathParam("inboxId") String inboxId, SendRequest request) {
        return SendRequests.answer(sending.send(Caller.of(security).organizationId(), inboxId,
            RequestBodies.required(request).toDomain()));
    }

    @POST
    @Idempotent
    @Path("/{messageId}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.SEND)
    public Response reply(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                          @PathParam("messageId") String messageId, ReplyRequest request) {
        return SendRequests.answer(sending.reply(Caller.of(security).organizationId(), inboxId, messageId,
            RequestBodies.required(request).toDomain(), false));
    }

    @POST
    @Idempotent
    @Path("/{messageId}/reply-all")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.SEND)
    public Response replyAll(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                             @PathParam("messageId") String messageId, ReplyRequest request) {
        return SendRequests.answer(sending.reply(Caller.of(security).organizationId(), inboxId, messageId,
            RequestBodies.required(request).toDomain(), true));
    }

    @POST
    @Idempotent
    @Path("/{messageId}/forward")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.SEND)
    public Response forward(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                            @PathParam("messageId") String messageId, ForwardRequest request) {
        return SendRequests.answer(sending.forward(Caller.of(security).organizationId(), inboxId, messageId,
            RequestBodies.required(request).toDomain()));
    }

    /** With {@code q}, only the messages whose subject, text, sender, To/Cc recipients or attachments' text hold every word of it. */
    @GET
    public PageResponse<MessageSummaryResponse> list(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                                     @QueryParam("q") String q, @QueryParam("page") String page,
                                                     @QueryParam("page_size") String pageSize) {
        return PageResponse.of(messages.list(Caller.of(security).organizationId(), inboxId, MessageSearch.parse(q),
            PageParams.parse(page, pageSize)), MessageSummaryResponse::of);
    }

    /**
     * The newest received message (newer than {@code since}: a timestamp or a message id). With {@code wait}
     * seconds (at most 120), an answer that is not there yet is awaited without holding a server thread.
     */
    @GET
    @Path("/latest")
    public void latest(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                       @QueryParam("wait") String wait, @QueryParam("since") String since,
                       @Suspended AsyncResponse response) {
        String organizationId = Caller.of(security).organizationId();
        Wait waitFor = WaitParams.waitFor(wait);
        resume(response, messages.latestInbound(organizationId, inboxId,
                messages.newerThan(organizationId, inboxId, since), waitFor),
            this::withTexts, waitFor.duration(), since, "no message has been received", "no message arrived");
    }

    /** The code and link of the newest received message that has one; {@code wait} and {@code since} as for latest. */
    @GET
    @Path("/code")
    public void code(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                     @QueryParam("wait") String wait, @QueryParam("since") String since,
                     @Suspended AsyncResponse response) {
        String organizationId = Caller.of(security).organizationId();
        Wait waitFor = WaitParams.waitFor(wait);
        resume(response, messages.latestWithCode(organizationId, inboxId,
                messages.newerThan(organizationId, inboxId, since), waitFor),
            CodeResponse::of, waitFor.duration(), since, "no received message has a verification code or link",
            "no message with a verification code or link arrived");
    }

    /**
     * Completes a suspended call: the found message, or 404 saying what was not found and for how long it was
     * awaited. The v1 calls answer through it too, without waiting.
     */
    static void resume(AsyncResponse response, CompletableFuture<Optional<StoredMessage>> found,
                               Function<StoredMessage, Object> answer, Duration waitFor, String since,
                               String noneYet, String noneArrived) {
        found.whenComplete((message, failure) -> {
            if (failure != null) {
                response.resume(failure);
            } else if (message.isEmpty()) {
                response.resume(new NotFoundException(waitFor.isZero()
                    ? noneYet + (since == null ? "" : " since " + since)
                    : noneArrived + " within " + waitFor.toSeconds() + " seconds"));
            } else {
                response.resume(answer.apply(message.get()));
            }
        });
    }

    @DELETE
    @Path("/{messageId}")
    @RequiresPermission(Permission.MANAGE_INBOXES)
    public Response delete(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                           @PathParam("messageId") String messageId) {
        messages.delete(Caller.of(security).organizationId(), inboxId, messageId);
        return Response.noContent().build();
    }

    @GET
    @Path("/{messageId}")
    public MessageResponse get(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                               @PathParam("messageId") String messageId) {
        return withTexts(messages.get(Caller.of(security).organizationId(), inboxId, messageId));
    }

    /** Replaces the message's labels; they are the message's IMAP keywords too. */
    @PATCH
    @Path("/{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MessageResponse setLabels(@Context SecurityContext security, @PathParam("inboxId") String inboxId,
                                     @PathParam("messageId") String messageId, LabelsRequest request) {
        LabelsRequest body = RequestBodies.required(request);
        return withTexts(messages.setLabels(Caller.of(security).organizationId(), inboxId, messageId, body.labels()));
    }
}
