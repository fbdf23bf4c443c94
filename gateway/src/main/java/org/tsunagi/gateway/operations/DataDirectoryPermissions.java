package org.tsunagi.gateway.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Everything under the data directory (database, inboxes, outboxes, quarantine, host key) is the gateway's alone:
 * at start the directory and every directory in it become 0700 and every file 0600, so that even a file created
 * later with a lax umask sits in directories nobody else can enter. Java cannot set the process umask: if it lets
 * others read new files, one line says so (the Docker image and the systemd unit in the README set umask 077).
 */
final class DataDirectoryPermissions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryPermissions.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dataDir;
    private boolean running;

    DataDirectoryPermissions(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;  // before the SFTP server and the routes write anything new
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            int[] changed = {0};
            Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    restrict(dir, DIRECTORY, changed);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()) {
                        restrict(file, FILE, changed);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            if (changed[0] > 0) {
                log.info("data directory {}: restricted {} files and directories to the gateway's user",
                        dataDir, changed[0]);
            }
            warnIfUmaskIsLax();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions of the data directory " + dataDir, e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted, int[] changed) throws IOException {
        if (!Files.getPosixFilePermissions(path).equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            changed[0]++;
        }
    }

    /** A plain file, as most writers create them (createTempFile would ask for 0600 itself). */
    private void warnIfUmaskIsLax() throws IOException {
        Path probe = dataDir.resolve(".umask-probe-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Set<PosixFilePermission> created = Files.getPosixFilePermissions(probe);
            if (created.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("new files get {} (the umask lets others read them); the data directory's 0700 keeps "
                        + "them out, but start the gateway with umask 077", PosixFilePermissions.toString(created));
            }
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
