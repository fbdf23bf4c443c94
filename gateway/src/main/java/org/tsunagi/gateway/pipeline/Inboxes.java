package org.tsunagi.gateway.pipeline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagi.gateway.sftp.ParticipantHomes;

/**
 * Which files in the participants' inboxes are ready to be taken. Every regular file is, sooner or later: a
 * {@code *.p7m} (any size, any legal name, dot-files included) once unchanged for {@code min-file-age}; any other
 * name (an upload still under its temporary name) once unchanged for {@code abandoned-upload-age}, to be refused as
 * {@code NOT_A_DROP}. Only the modification time is looked at: no read lock, so an empty or stale file never holds
 * up anyone else's. One scan takes at most {@code max-files-per-poll}, in turns across participants, so that one
 * sender's backlog does not delay another's message.
 */
final class Inboxes {

    static final String DROP_SUFFIX = ".p7m";
    private static final Logger log = LoggerFactory.getLogger(Inboxes.class);

    private record Ready(String participantId, Path file, Instant modified) {
    }

    private final ParticipantHomes homes;
    private final WorkArea work;
    private final PipelineProperties properties;
    private final Clock clock;

    Inboxes(ParticipantHomes homes, WorkArea work, PipelineProperties properties, Clock clock) {
        this.homes = homes;
        this.work = work;
        this.properties = properties;
        this.clock = clock;
    }

    /** Takes the files that are ready into the work area; returns how many. */
    int takeReady() throws IOException {
        Path root = homes.sftpRoot();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant now = clock.instant();
        List<List<Ready>> perParticipant = new ArrayList<>();
        try (DirectoryStream<Path> participants = Files.newDirectoryStream(root)) {
            for (Path home : participants) {
                Path inbox = home.resolve(ParticipantHomes.INBOX);
                if (Files.isDirectory(inbox, LinkOption.NOFOLLOW_LINKS)) {
                    List<Ready> ready = ready(home.getFileName().toString(), inbox, now);
                    if (!ready.isEmpty()) {
                        perParticipant.add(ready);
                    }
                }
            }
        }
        int taken = 0;
        for (int turn = 0; taken < properties.maxFilesPerPoll(); turn++) {
            boolean any = false;
            for (List<Ready> ready : perParticipant) {
                if (turn < ready.size() && taken < properties.maxFilesPerPoll()) {
                    any = true;
                    Ready file = ready.get(turn);
                    if (work.take(file.participantId(), file.file()).isPresent()) {
                        taken++;
                    }
                }
            }
            if (!any) {
                break;
            }
        }
        return taken;
    }

    private List<Ready> ready(String participantId, Path inbox, Instant now) throws IOException {
        List<Ready> ready = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox)) {
            for (Path file : files) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!attributes.isRegularFile()) {
                    continue; // directories and links are refused at the SFTP server; never followed here
                }
                Instant modified = attributes.lastModifiedTime().toInstant();
                Duration age = Duration.between(modified, now);
                Duration needed = isDropName(file.getFileName().toString()) ? properties.minFileAge()
                        : properties.abandonedUploadAge();
                if (age.compareTo(needed) >= 0) {
                    ready.add(new Ready(participantId, file, modified));
                }
            }
        } catch (NoSuchFileException gone) {
            log.debug("inbox of {} vanished during a scan", participantId);
        }
        ready.sort(Comparator.comparing(Ready::modified));
        return ready;
    }

    static boolean isDropName(String fileName) {
        return fileName.endsWith(DROP_SUFFIX);
    }
}
