package org.tsunagi.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.gateway.delivery.OutboundCopy;
import org.tsunagi.gateway.delivery.Outbox;

/** Puts copies in the outbox the way the pipeline does: through {@link Outbox#enqueue}, in a transaction. */
final class TestCopies {

    private final Outbox outbox;
    private final TransactionTemplate transaction;

    TestCopies(Outbox outbox, TransactionTemplate transaction) {
        this.outbox = outbox;
        this.transaction = transaction;
    }

    OutboundCopy enqueue(String recipient, String type) {
        return enqueue(recipient, type, true, true);
    }

    /** A copy sealed in the given forms only (the recipient's registered delivery form). */
    OutboundCopy enqueue(String recipient, String type, boolean withCms, boolean withJose) {
        UUID copyId = UUID.randomUUID();
        byte[] cms = ("0\u0082 sealed CMS for " + recipient + " " + copyId).getBytes(StandardCharsets.ISO_8859_1);
        OutboundCopy copy = OutboundCopy.of(copyId, UUID.randomUUID(), "facility-nagoya", recipient, type,
                "welfare-support", "LAW:個人情報の保護に関する法律 第69条第2項第3号", hex(copyId.toString()),
                Instant.now(), withCms ? cms : null,
                withJose ? "eyJhbGciOiJFQ0RILUVTK0EyNTZLVyJ9.key.iv." + copyId + ".tag" : null);
        transaction.executeWithoutResult(status -> outbox.enqueue(copy));
        return copy;
    }

    static String hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
