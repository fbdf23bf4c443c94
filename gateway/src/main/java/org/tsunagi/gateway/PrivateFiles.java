package org.tsunagi.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * How the gateway creates what it writes under its data directory: files 0600, directories 0700, whatever the
 * process umask. The mode is given at creation (so there is no moment when others could open it) and set again
 * afterwards (a umask can only take bits away, never leave more). On a file system without POSIX permissions the
 * plain calls are used.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates the directory and any missing parents as 0700; existing ones are left as they are. */
    public static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (!posix(absolute)) {
            Files.createDirectories(absolute);
            return;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(DIRECTORY);
        for (Path p : missing) {
            try {
                Files.createDirectory(p, mode);
                Files.setPosixFilePermissions(p, DIRECTORY);
            } catch (FileAlreadyExistsException e) {
                // created meanwhile by another thread or instance
            }
        }
    }

    /** A new file, 0600 from its creation; fails if it exists. */
    public static OutputStream create(Path file) throws IOException {
        if (!posix(file)) {
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(FILE)));
        Files.setPosixFilePermissions(file, FILE);
        return out;
    }

    /** Writes a new file, 0600 from its creation; fails if it exists. */
    public static void write(Path file, byte[] content) throws IOException {
        try (OutputStream out = create(file)) {
            out.write(content);
        }
    }

    /** Makes a file the gateway took over (an upload, a moved file) 0600. */
    public static void restrict(Path file) throws IOException {
        if (posix(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
