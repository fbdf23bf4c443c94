package org.tsunagi.gateway.delivery;

import org.tsunagi.gateway.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.security.ApiProblem;
import org.tsunagi.gateway.sftp.ParticipantHomes;

/**
 * Hands an uploaded sealed message to the same route as SFTP: the bytes are written under a hidden temporary name
 * in the sender's inbox (where {@link ParticipantHomes} says it is), then renamed atomically to
 * {@code <submission-id>.p7m}, so the route never sees a partial file.
 */
@Component
class Submissions {

    private static final Logger log = LoggerFactory.getLogger(Submissions.class);

    private final ParticipantHomes homes;

    Submissions(GatewayProperties gateway) {
        this.homes = new ParticipantHomes(gateway.dataDir());
    }

    /** @return the submission id: the uploaded file's name in the inbox, without {@code .p7m} */
    UUID submit(String participantId, InputStream body) {
        UUID id = UUID.randomUUID();
        Path inbox = homes.inbox(participantId);
        Path temporary = inbox.resolve("." + id + ".part");
        try {
            PrivateFiles.createDirectories(inbox);
            long size;
            try (OutputStream out = PrivateFiles.create(temporary)) {
                size = body.transferTo(out);
            }
            if (size == 0) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "empty-body", "the request has no sealed message");
            }
            Files.move(temporary, inbox.resolve(id + ".p7m"), StandardCopyOption.ATOMIC_MOVE);
            log.info("submission {} from {} accepted over HTTPS ({} bytes)", id, participantId, size);
            return id;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write submission " + id + " to " + inbox, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                log.warn("cannot remove temporary file {}: {}", temporary, e.getMessage());
            }
        }
    }
}
