package org.tsunagi.gateway.sftp;

import org.tsunagi.gateway.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agreed file layout under the data directory: {@code sftp/<id>/inbox/} (the participant writes),
 * {@code sftp/<id>/outbox/} (the participant reads), and, for the gateway only, {@code processed/<id>/} and
 * {@code quarantine/<id>/}. The SFTP chroot of a participant is {@code sftp/<id>}.
 */
public record ParticipantHomes(Path dataDir) {

    public static final String INBOX = "inbox";
    public static final String OUTBOX = "outbox";

    public ParticipantHomes {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The root under which every participant's SFTP home lies. */
    public Path sftpRoot() {
        return dataDir.resolve("sftp");
    }

    public Path home(String participantId) {
        return sftpRoot().resolve(participantId);
    }

    public Path inbox(String participantId) {
        return home(participantId).resolve(INBOX);
    }

    public Path outbox(String participantId) {
        return home(participantId).resolve(OUTBOX);
    }

    public Path processed(String participantId) {
        return dataDir.resolve("processed").resolve(participantId);
    }

    public Path quarantine(String participantId) {
        return dataDir.resolve("quarantine").resolve(participantId);
    }

    /** Creates a participant's directories (idempotent). */
    public void prepare(String participantId) {
        try {
            PrivateFiles.createDirectories(inbox(participantId));
            PrivateFiles.createDirectories(outbox(participantId));
            PrivateFiles.createDirectories(processed(participantId));
            PrivateFiles.createDirectories(quarantine(participantId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directories of participant " + participantId, e);
        }
    }
}
