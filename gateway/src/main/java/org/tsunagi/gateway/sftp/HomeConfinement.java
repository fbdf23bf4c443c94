package org.tsunagi.gateway.sftp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a participant may do inside its (already chrooted) home: write, rename and delete files directly in
 * {@code /inbox} (only drops: {@code *.p7m}, or {@code *.p7m.part} while uploading), read and delete files in
 * {@code /outbox}, list both. No directories, links or attribute changes
 * elsewhere, and no file larger than the configured maximum. A veto surfaces to the client as "permission denied".
 */
final class HomeConfinement implements SftpEventListener {

    private static final Logger log = LoggerFactory.getLogger(HomeConfinement.class);
    private static final Set<StandardOpenOption> WRITING = Set.of(StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.TRUNCATE_EXISTING);
    private static final String INBOX = "/" + ParticipantHomes.INBOX;
    private static final String OUTBOX = "/" + ParticipantHomes.OUTBOX;
    /** What the gateway takes ({@code *.p7m}) and the temporary names common clients upload under. */
    private static final java.util.regex.Pattern DROP_NAME =
            java.util.regex.Pattern.compile("(?s).+\\.p7m(\\.part|\\.filepart)?");

    private final long maxFileSize;

    HomeConfinement(long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle handle) throws IOException {
        String where = virtual(handle.getFile());
        if (handle instanceof DirectoryHandle) {
            if (!where.equals("/") && !where.equals(INBOX) && !where.equals(OUTBOX)) {
                throw deny(session, "list", where);
            }
            return;
        }
        if (handle instanceof FileHandle file) {
            boolean writes = file.getOpenOptions().stream().anyMatch(WRITING::contains);
            String parent = parentOf(where);
            if (writes ? !parent.equals(INBOX) : !parent.equals(OUTBOX)) {
                throw deny(session, writes ? "write" : "read", where);
            }
            if (writes && !isDropName(where)) {
                throw notADrop(session, where);
            }
        }
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle handle, long offset, byte[] data,
                        int dataOffset, int dataLen) throws IOException {
        if (offset + dataLen > maxFileSize) {
            log.warn("sftp: user {} exceeded the maximum file size of {} bytes", session.getUsername(), maxFileSize);
            throw new AccessDeniedException(virtual(handle.getFile()), null,
                    "file larger than " + maxFileSize + " bytes");
        }
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
            throws IOException {
        String from = virtual(srcPath);
        String to = virtual(dstPath);
        if (!parentOf(from).equals(INBOX) || !parentOf(to).equals(INBOX)) {
            throw deny(session, "rename", from);
        }
        if (!isDropName(to)) {
            throw notADrop(session, to);
        }
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
        String where = virtual(path);
        String parent = parentOf(where);
        if (isDirectory || !(parent.equals(INBOX) || parent.equals(OUTBOX))) {
            throw deny(session, "remove", where);
        }
    }

    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw deny(session, "mkdir", virtual(path));
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        throw deny(session, "link", virtual(source));
    }

    @Override
    public void modifyingAttributes(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        String where = virtual(path);
        if (!parentOf(where).equals(INBOX)) {
            throw deny(session, "setstat", where);
        }
    }

    /** A drop ({@code *.p7m}) or a drop being uploaded under a temporary name ({@code *.p7m.part}). */
    static boolean isDropName(String virtual) {
        String name = virtual.substring(virtual.lastIndexOf('/') + 1);
        return DROP_NAME.matcher(name).matches();
    }

    private static AccessDeniedException notADrop(ServerSession session, String where) {
        log.info("sftp: refused a file that is not a drop by user {}", session.getUsername());
        return new AccessDeniedException(where, null, "only sealed messages named *.p7m (uploaded as *.p7m.part "
                + "or *.p7m.filepart, then renamed) may be written to inbox/");
    }

    /** The path as the participant sees it inside its chroot, normalised ({@code /inbox/a.p7m}). */
    private static String virtual(Path path) {
        String s = path.toAbsolutePath().normalize().toString().replace('\\', '/');
        return s.isEmpty() ? "/" : s;
    }

    private static String parentOf(String virtual) {
        int slash = virtual.lastIndexOf('/');
        return slash <= 0 ? "/" : virtual.substring(0, slash);
    }

    private static AccessDeniedException deny(ServerSession session, String operation, String where) {
        log.info("sftp: refused {} by user {} on {}", operation, session.getUsername(), where);
        return new AccessDeniedException(where, null, operation + " is not allowed here");
    }
}
