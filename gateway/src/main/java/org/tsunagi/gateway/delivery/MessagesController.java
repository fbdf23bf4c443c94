package org.tsunagi.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.tsunagi.gateway.security.ApiProblem;
import org.tsunagi.gateway.security.PageCursor;

/** {@code /api/v1/messages}: submit, list pending, download, acknowledge. Roles are enforced by the security chain. */
@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "messages", description = "Submit sealed messages; poll, download and acknowledge your copies")
@ApiResponse(responseCode = "401", description = "missing-token, invalid-token, token-expired, "
        + "token-lifetime-too-long, token-replayed, token-too-large or certificate-refused",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "forbidden: your role may not use this endpoint",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "429", description = "rate-limited (see Retry-After)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class MessagesController {

    static final String PKCS7 = "application/pkcs7-mime";
    static final String JOSE = "application/jose";
    private static final int MAX_RECEIPT_BYTES = 16 * 1024;
    /** {@code GET /messages?kind=receipt}: the security chain lets senders (not only recipients) list these. */
    static final String RECEIPT_KIND = "receipt";

    private final Outbox outbox;
    private final SenderReceipts senderReceipts;
    private final Deliveries deliveries;
    private final Submissions submissions;

    MessagesController(Outbox outbox, SenderReceipts senderReceipts, Deliveries deliveries, Submissions submissions) {
        this.outbox = outbox;
        this.senderReceipts = senderReceipts;
        this.deliveries = deliveries;
        this.submissions = submissions;
    }

    /**
     * @param id a submission id: the message inside is encrypted to the gateway, so its MessageId is only known once
     *           the pipeline has opened it; the outcome (copies delivered, or a signed rejection receipt in the
     *           sender's outbox) is recorded in the ledger against the MessageId
     */
    record Submitted(UUID id) {
    }

    record MessageItem(UUID id, String type, long size, Instant createdAt) {
    }

    record MessageList(List<MessageItem> items, String next) {
    }

    @Operation(summary = "Submit a sealed message (senders)", description =
            "The body is a sealed file (CMS, signed by you then encrypted to the gateway), exactly as " +
            "you would drop it over SFTP; it takes the same route. The answer's `id` is a submission " +
            "id, not the MessageId: the content is encrypted, so the gateway only learns the MessageId " +
            "when the pipeline opens it. The outcome (copies for the recipients, or a signed rejection " +
            "receipt in your outbox) is recorded in the ledger.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = PKCS7,
                    schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "202", description = "accepted for processing")
    @ApiResponse(responseCode = "400", description = "empty-body",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "payload-too-large",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(consumes = {PKCS7, "application/octet-stream"}, produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Submitted submit(@Parameter(hidden = true) InputStream body, @Parameter(hidden = true) Authentication caller) {
        return new Submitted(submissions.submit(caller.getName(), body));
    }

    @Operation(summary = "Your pending messages (recipients) or receipts (senders)", description =
            "Without `kind` (or `kind=copy`, recipients): copies sealed for you and not yet acknowledged, " +
            "oldest first. With `kind=receipt` (senders, whatever channel they submit by): your signed " +
            "receipts not yet acknowledged, oldest first, each with `type` `Receipt`; download one at " +
            "`/api/v1/messages/receipts/{id}` (the same signed bytes as `receipt-<MessageId>.p7m` in your " +
            "SFTP outbox) and acknowledge it at `/api/v1/messages/receipts/{id}/ack`. Follow `next` (null " +
            "on the last page) as the `cursor` of the next request, with the same `kind`.")
    @ApiResponse(responseCode = "200", description = "a page of pending messages or receipts")
    @ApiResponse(responseCode = "400", description = "invalid-cursor or invalid-parameter",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(produces = "application/json")
    MessageList pending(@Parameter(description = "the `next` of the previous page") @RequestParam(required = false) String cursor,
                        @Parameter(description = "page size, 1 to 500") @RequestParam(defaultValue = "100") int limit,
                        @Parameter(description = "`copy` (default): copies for you; `receipt`: your receipts")
                        @RequestParam(defaultValue = "copy") String kind,
                        @Parameter(hidden = true) Authentication caller) {
        if (limit < 1 || limit > Outbox.MAX_PAGE) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                    "limit must be 1 to " + Outbox.MAX_PAGE);
        }
        long after = PageCursor.position(cursor).orElse(0);
        PendingPage page = switch (kind) {
            case "copy" -> outbox.pending(caller.getName(), after, limit);
            case RECEIPT_KIND -> senderReceipts.pending(caller.getName(), after, limit);
            default -> throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                    "kind must be copy or receipt");
        };
        return new MessageList(page.items().stream()
                .map(p -> new MessageItem(p.copyId(), p.messageType(), p.size(), p.createdAt())).toList(),
                page.next().isPresent() ? PageCursor.after(page.next().getAsLong()) : null);
    }

    @Operation(summary = "Download one of your messages (that recipient only)", description =
            "`Accept: application/pkcs7-mime` returns the sealed CMS file (signed by the gateway, " +
            "encrypted to you); `Accept: application/jose` returns a compact JWE whose payload is a JWS " +
            "of the XML. Each download is recorded in the ledger (DELIVERED). Another participant's id " +
            "answers 404, like an id that does not exist. A copy is sealed only in your registered " +
            "delivery form(s) (participants.yaml `delivery-form`): asking for the other one answers 406 " +
            "form-not-registered, whose `sealedAs` names the form(s) there are.")
    @ApiResponse(responseCode = "200", description = "the sealed message; header Digest-SHA256 is its SHA-256 (hex)",
            content = {@Content(mediaType = PKCS7, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = JOSE, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = "not-found",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "406", description = "not-acceptable or form-not-registered",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(path = "/{id}", produces = PKCS7)
    ResponseEntity<byte[]> downloadCms(@PathVariable String id, @Parameter(hidden = true) Authentication caller) {
        OutboundCopy copy = deliveries.download(parseId(id), caller.getName(), DeliveryFormat.CMS);
        return ResponseEntity.ok().header("Content-Type", PKCS7 + "; smime-type=authEnveloped-data")
                .header("Digest-SHA256", copy.cmsSha256()).body(copy.cms());
    }

    @GetMapping(path = "/{id}", produces = JOSE)
    ResponseEntity<String> downloadJose(@PathVariable String id, @Parameter(hidden = true) Authentication caller) {
        OutboundCopy copy = deliveries.download(parseId(id), caller.getName(), DeliveryFormat.JOSE);
        return ResponseEntity.ok().header("Content-Type", JOSE)
                .header("Digest-SHA256", copy.joseSha256()).body(copy.jose());
    }

    @Operation(summary = "Download one of your receipts (that sender only)", description =
            "The signed receipt (CMS: signed by the gateway, encrypted to you), byte for byte what your SFTP " +
            "outbox gets; `Content-Disposition` gives its file name there (`receipt-<MessageId>.p7m`, or " +
            "`receipt-<refers-to>.<receipt id>.p7m` for a rejection). Another participant's receipt answers " +
            "404, like an id that does not exist.")
    @ApiResponse(responseCode = "200", description = "the signed receipt; header Digest-SHA256 is its SHA-256 (hex)",
            content = @Content(mediaType = PKCS7, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "not-found",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(path = "/receipts/{id}", produces = PKCS7)
    ResponseEntity<byte[]> downloadReceipt(@PathVariable String id, @Parameter(hidden = true) Authentication caller) {
        SenderReceipts.StoredReceipt receipt = deliveries.downloadReceipt(parseId(id), caller.getName());
        return ResponseEntity.ok().header("Content-Type", PKCS7 + "; smime-type=authEnveloped-data")
                .header("Content-Disposition", "attachment; filename=\"" + receipt.fileName() + "\"")
                .header("Digest-SHA256", receipt.cmsSha256()).body(receipt.cms());
    }

    @Operation(summary = "Acknowledge one of your receipts (that sender only)", description =
            "Removes it from your `kind=receipt` list, once. The body is empty, or a compact JWS signed " +
            "with your registered key whose JSON payload is `{\"id\": \"<this id>\", \"sha256\": " +
            "\"<hex SHA-256 of the receipt>\"}` (`sha256` optional), kept as evidence.",
            requestBody = @RequestBody(required = false, content = @Content(mediaType = JOSE,
                    schema = @Schema(type = "string"))))
    @ApiResponse(responseCode = "204", description = "acknowledged")
    @ApiResponse(responseCode = "400", description = "invalid-receipt",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "not-found",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "already-acknowledged",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = "/receipts/{id}/ack")
    ResponseEntity<Void> acknowledgeReceipt(@PathVariable String id, @Parameter(hidden = true) InputStream body,
                                            @Parameter(hidden = true) Authentication caller) throws IOException {
        String signedAck = boundedReceipt(body);
        deliveries.acknowledgeReceipt(parseId(id), caller.getName(), signedAck);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Acknowledge one of your messages (that recipient only)", description =
            "Removes it from your pending list and records ACKNOWLEDGED in the ledger, once. The body " +
            "is empty, or a receipt kept as evidence: a compact JWS signed with your registered key " +
            "whose JSON payload is `{\"id\": \"<this id>\", \"sha256\": \"<hex SHA-256 of what you " +
            "received>\"}` (`sha256` optional).",
            requestBody = @RequestBody(required = false, content = @Content(mediaType = JOSE,
                    schema = @Schema(type = "string"))))
    @ApiResponse(responseCode = "204", description = "acknowledged")
    @ApiResponse(responseCode = "400", description = "invalid-receipt",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "not-found",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "already-acknowledged",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = "/{id}/ack")
    ResponseEntity<Void> acknowledge(@PathVariable String id, @Parameter(hidden = true) InputStream body,
                                     @Parameter(hidden = true) Authentication caller)
            throws IOException {
        deliveries.acknowledge(parseId(id), caller.getName(), boundedReceipt(body));
        return ResponseEntity.noContent().build();
    }

    /** The acknowledgement's body: {@code null} when empty. */
    private static String boundedReceipt(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_RECEIPT_BYTES + 1);
        if (bytes.length > MAX_RECEIPT_BYTES) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "a receipt is at most " + MAX_RECEIPT_BYTES + " bytes");
        }
        String receipt = new String(bytes, StandardCharsets.US_ASCII).strip();
        return receipt.isEmpty() ? null : receipt;
    }

    /** A malformed id is answered like an unknown one. */
    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound();
        }
    }
}
