package org.tsunagi.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
import org.tsunagi.gateway.security.ApiProblem;

/** {@code /api/v1/messages}: submit, list pending, download, acknowledge. Roles are enforced by the security chain. */
@RestController
@RequestMapping("/api/v1/messages")
class MessagesController {

    static final String PKCS7 = "application/pkcs7-mime";
    static final String JOSE = "application/jose";
    private static final int MAX_RECEIPT_BYTES = 16 * 1024;

    private final Outbox outbox;
    private final Deliveries deliveries;
    private final Submissions submissions;

    MessagesController(Outbox outbox, Deliveries deliveries, Submissions submissions) {
        this.outbox = outbox;
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

    @PostMapping(consumes = {PKCS7, "application/octet-stream"}, produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Submitted submit(InputStream body, Authentication caller) {
        return new Submitted(submissions.submit(caller.getName(), body));
    }

    @GetMapping(produces = "application/json")
    MessageList pending(@RequestParam(required = false) String cursor,
                        @RequestParam(defaultValue = "100") int limit, Authentication caller) {
        if (limit < 1 || limit > Outbox.MAX_PAGE) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                    "limit must be 1 to " + Outbox.MAX_PAGE);
        }
        PendingPage page = outbox.pending(caller.getName(), decodeCursor(cursor), limit);
        return new MessageList(page.items().stream()
                .map(p -> new MessageItem(p.copyId(), p.messageType(), p.size(), p.createdAt())).toList(),
                page.next().isPresent() ? encodeCursor(page.next().getAsLong()) : null);
    }

    @GetMapping(path = "/{id}", produces = PKCS7)
    ResponseEntity<byte[]> downloadCms(@PathVariable String id, Authentication caller) {
        OutboundCopy copy = deliveries.download(parseId(id), caller.getName(), DeliveryFormat.CMS);
        return ResponseEntity.ok().header("Content-Type", PKCS7 + "; smime-type=authEnveloped-data")
                .header("Digest-SHA256", copy.cmsSha256()).body(copy.cms());
    }

    @GetMapping(path = "/{id}", produces = JOSE)
    ResponseEntity<String> downloadJose(@PathVariable String id, Authentication caller) {
        OutboundCopy copy = deliveries.download(parseId(id), caller.getName(), DeliveryFormat.JOSE);
        return ResponseEntity.ok().header("Content-Type", JOSE)
                .header("Digest-SHA256", copy.joseSha256()).body(copy.jose());
    }

    @PostMapping(path = "/{id}/ack")
    ResponseEntity<Void> acknowledge(@PathVariable String id, InputStream body, Authentication caller)
            throws IOException {
        byte[] bytes = body.readNBytes(MAX_RECEIPT_BYTES + 1);
        if (bytes.length > MAX_RECEIPT_BYTES) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "a receipt is at most " + MAX_RECEIPT_BYTES + " bytes");
        }
        String receipt = new String(bytes, StandardCharsets.US_ASCII).strip();
        deliveries.acknowledge(parseId(id), caller.getName(), receipt.isEmpty() ? null : receipt);
        return ResponseEntity.noContent().build();
    }

    /** A malformed id is answered like an unknown one. */
    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound();
        }
    }

    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    static long decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith("after:")) {
                long seq = Long.parseLong(text.substring("after:".length()));
                if (seq >= 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-cursor", "the cursor is not one this API returned");
    }
}
