package org.tsunagi.gateway.sftp;

import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_CLOSE;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_EXTENDED;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_FSETSTAT;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_FSTAT;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_INIT;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_LSTAT;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_OPEN;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_OPENDIR;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_READ;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_READDIR;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_REALPATH;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_REMOVE;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_RENAME;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_SETSTAT;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_STAT;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_WRITE;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FX_OP_UNSUPPORTED;

import java.io.IOException;
import java.util.Set;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFTP subsystem by allow-list: only the requests a participant needs (open, read, write, close, stat, list,
 * remove, rename, and of OpenSSH's extensions posix-rename, fsync and limits) reach the file system, where
 * {@link HomeConfinement} then decides by path. Everything else (mkdir, rmdir, symlinks, hard links, readlink,
 * copy-file, copy-data, and any extension or request type added to MINA later) is answered "operation unsupported"
 * with the reason, before MINA acts on it.
 */
final class AllowListSftpSubsystem extends SftpSubsystem {

    private static final Logger log = LoggerFactory.getLogger(AllowListSftpSubsystem.class);

    private static final Set<Integer> REQUESTS = Set.of(SSH_FXP_INIT, SSH_FXP_OPEN, SSH_FXP_CLOSE, SSH_FXP_READ,
            SSH_FXP_WRITE, SSH_FXP_LSTAT, SSH_FXP_FSTAT, SSH_FXP_SETSTAT, SSH_FXP_FSETSTAT, SSH_FXP_OPENDIR,
            SSH_FXP_READDIR, SSH_FXP_REMOVE, SSH_FXP_REALPATH, SSH_FXP_STAT, SSH_FXP_RENAME);
    /** Renames stay confined by {@link HomeConfinement#moving}; fsync and limits change nothing. */
    private static final Set<String> EXTENSIONS = Set.of("posix-rename@openssh.com", "fsync@openssh.com",
            "limits@openssh.com");

    AllowListSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator) {
        super(channel, configurator);
    }

    @Override
    protected void doProcess(Buffer buffer, int length, int type, int id) throws IOException {
        if (REQUESTS.contains(type)) {
            super.doProcess(buffer, length, type, id);
            return;
        }
        String what = SftpConstants.getCommandMessageName(type);
        if (type == SSH_FXP_EXTENDED) {
            int start = buffer.rpos();
            String extension = buffer.getString();
            if (EXTENSIONS.contains(extension)) {
                buffer.rpos(start);
                super.doProcess(buffer, length, type, id);
                return;
            }
            what = printable(extension);
        }
        log.info("sftp: refused {} by user {}", what, getServerSession().getUsername());
        sendStatus(prepareReply(buffer), id, SSH_FX_OP_UNSUPPORTED,
                what + " is not allowed: only write, rename and remove in inbox/, read and remove in outbox/");
    }

    private static String printable(String extension) {
        String cleaned = extension.replaceAll("[^A-Za-z0-9@._-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    /** Creates {@link AllowListSftpSubsystem}s with the factory's listeners, as MINA's own factory does. */
    static final class Factory extends SftpSubsystemFactory {
        @Override
        public Command createSubsystem(ChannelSession channel) throws IOException {
            AllowListSftpSubsystem subsystem = new AllowListSftpSubsystem(channel, this);
            getRegisteredListeners().forEach(subsystem::addSftpEventListener);
            return subsystem;
        }
    }
}
