package org.tsunagi.gateway.sftp;

import org.tsunagi.gateway.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;

/**
 * The embedded SFTP server (Apache MINA SSHD): SFTP only (no shell, exec or forwarding), public-key authentication
 * only with the keys of the participant registry, each participant chrooted to {@code sftp/<id>}, its requests
 * limited by {@link AllowListSftpSubsystem} and confined by path by {@link HomeConfinement}. The host key is generated at the first start and kept, so that clients'
 * known_hosts stay valid across restarts; its public half is written beside it in OpenSSH form and its fingerprint
 * logged at every start.
 */
public final class EmbeddedSftpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSftpServer.class);

    private final SftpProperties properties;
    private final ParticipantRegistry registry;
    private final ParticipantHomes homes;
    private final Path hostKey;
    private SshServer server;

    EmbeddedSftpServer(SftpProperties properties, ParticipantRegistry registry, ParticipantHomes homes) {
        this.properties = properties;
        this.registry = registry;
        this.homes = homes;
        this.hostKey = properties.hostKey() != null ? properties.hostKey()
                : homes.dataDir().resolve("sftp-host-key");
    }

    @Override
    public synchronized void start() {
        VirtualFileSystemFactory chroots = new VirtualFileSystemFactory();
        // Unknown users get a home that does not exist; they never authenticate anyway.
        chroots.setDefaultHomeDir(homes.dataDir().resolve("sftp-no-home"));
        for (Participant participant : registry.all()) {
            chroots.setUserHomeDir(participant.id(), homes.home(participant.id()));
        }
        try {
            PrivateFiles.createDirectories(hostKey.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the SFTP host key " + hostKey, e);
        }
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKey);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        // Generated now, not at the first connection, so that its fingerprint can be published before anyone connects.
        PublicKey hostPublic = HostKeyFile.publish(hostKeys, hostKey);

        SftpSubsystemFactory sftp = new AllowListSftpSubsystem.Factory();
        sftp.addSftpEventListener(new HomeConfinement(properties.maxFileSize().toBytes()));

        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setPort(properties.port());
        if (properties.bindAddress() != null) {
            ssh.setHost(properties.bindAddress());
        }
        ssh.setKeyPairProvider(hostKeys);
        ssh.setPublickeyAuthenticator(authenticator(chroots));
        ssh.setPasswordAuthenticator(null);
        ssh.setKeyboardInteractiveAuthenticator(null);
        ssh.setGSSAuthenticator(null);
        ssh.setHostBasedAuthenticator(null);
        ssh.setShellFactory(null);
        ssh.setCommandFactory(null);
        ssh.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        ssh.setSubsystemFactories(List.of(sftp));
        ssh.setFileSystemFactory(chroots);
        try {
            ssh.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SFTP server on port " + properties.port(), e);
        }
        server = ssh;
        log.info("SFTP server listening on {}:{}, host key {} fingerprint {} (public key in {}.pub)",
                properties.bindAddress() == null ? "*" : properties.bindAddress(), port(), hostKey,
                KeyUtils.getFingerPrint(hostPublic), hostKey.getFileName());
    }

    private PublickeyAuthenticator authenticator(VirtualFileSystemFactory chroots) {
        return (username, key, session) -> {
            boolean known = registry.find(username)
                    .map(p -> p.sftpKeys().stream().anyMatch(k -> KeyUtils.compareKeys(k, key)))
                    .orElse(false);
            if (!known) {
                log.info("sftp: refused key {} for user {}", KeyUtils.getFingerPrint(key), username);
            } else {
                homes.prepare(username);  // homes appear on first login, not for every registered participant
                // A participant added by a registry reload since the start gets its chroot too.
                chroots.setUserHomeDir(username, homes.home(username));
            }
            return known;
        };
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return server == null ? properties.port() : server.getPort();
    }

    /** The server's public host key, e.g. for a known_hosts line. */
    public PublicKey hostPublicKey() {
        try {
            return server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the SFTP host key " + hostKey, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                log.warn("SFTP server did not stop cleanly: {}", e.toString());
            }
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isStarted();
    }
}
