package org.tsunagi.gateway.pipeline;

import org.tsunagi.gateway.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The gateway's own area for drops it took out of the inboxes: {@code <data-dir>/work/<participant>/<take id>/<file
 * name>}. A drop is taken by one atomic rename before a byte of it is read, so whatever a participant renames onto
 * the same inbox name afterwards is a new file, found and decided on its own. Participants never see this area; it
 * must be on the same file system as the SFTP root (the rename is atomic only there).
 */
final class WorkArea {

    /** A drop taken into the work area. */
    record Taken(String participantId, String takeId, String fileName, Path file) {
    }

    private final Path root;
    private final Clock clock;

    WorkArea(Path dataDir, Clock clock) {
        this.root = dataDir.toAbsolutePath().normalize().resolve("work");
        this.clock = clock;
    }

    /** Moves {@code file} from {@code participant}'s inbox into the work area; empty if it is gone meanwhile. */
    Optional<Taken> take(String participantId, Path file) {
        // Time-ordered ids: the work area is worked on oldest first.
        String takeId = String.format("%013d-%s", clock.millis(), UUID.randomUUID().toString().substring(0, 13));
        Path directory = root.resolve(participantId).resolve(takeId);
        String name = file.getFileName().toString();
        try {
            PrivateFiles.createDirectories(directory);
            Files.move(file, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            // Uploaded by the SFTP server with the process umask: the gateway's alone from here on.
            PrivateFiles.restrict(directory.resolve(name));
            return Optional.of(new Taken(participantId, takeId, name, directory.resolve(name)));
        } catch (NoSuchFileException gone) {
            deleteQuietly(directory);
            return Optional.empty();
        } catch (AtomicMoveNotSupportedException e) {
            deleteQuietly(directory);
            throw new IllegalStateException("the work area " + root + " must be on the same file system as the "
                    + "SFTP root", e);
        } catch (IOException e) {
            deleteQuietly(directory);
            throw new UncheckedIOException("cannot take a file from the inbox of " + participantId, e);
        }
    }

    /** Every drop in the work area, oldest take first. */
    List<Taken> list() throws IOException {
        List<Taken> taken = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return taken;
        }
        try (DirectoryStream<Path> participants = Files.newDirectoryStream(root)) {
            for (Path participant : participants) {
                if (!Files.isDirectory(participant, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> takes = Files.newDirectoryStream(participant)) {
                    for (Path take : takes) {
                        file(take).ifPresent(f -> taken.add(new Taken(participant.getFileName().toString(),
                                take.getFileName().toString(), f.getFileName().toString(), f)));
                    }
                } catch (NoSuchFileException gone) {
                    // finished meanwhile
                }
            }
        }
        taken.sort((a, b) -> a.takeId().compareTo(b.takeId()));
        return taken;
    }

    /** After the drop's file left: its directory goes too. */
    void cleared(String participantId, String takeId) {
        deleteQuietly(root.resolve(participantId).resolve(takeId));
    }

    Path file(String participantId, String takeId, String fileName) {
        return root.resolve(participantId).resolve(takeId).resolve(fileName);
    }

    private static Optional<Path> file(Path take) {
        if (!Files.isDirectory(take, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(take)) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of(f);
                }
            }
        } catch (IOException gone) {
            // finished meanwhile
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (IOException notEmptyOrGone) {
            // an empty directory left behind is harmless
        }
    }
}
