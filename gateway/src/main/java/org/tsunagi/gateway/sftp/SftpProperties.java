package org.tsunagi.gateway.sftp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded SFTP server and the remote SFTP servers the gateway polls instead.
 *
 * @param enabled       whether the embedded server runs (default true)
 * @param port          its port (default 2222; 0 picks a free one)
 * @param hostKey       its host key file, generated on first start (default {@code ${tsunagi.data-dir}/sftp-host-key})
 * @param maxFileSize   the largest file a participant may upload (default 16MB)
 * @param bindAddress   the address it listens on (default: every interface)
 * @param remotePolling per participant id: a remote SFTP server whose directory the gateway polls for that
 *                      participant's sealed files, instead of (or besides) the participant's embedded inbox
 */
@Validated
@ConfigurationProperties("tsunagi.sftp")
public record SftpProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("2222") @Min(0) @Max(65535) int port,
                             Path hostKey,
                             @DefaultValue("16MB") @NotNull DataSize maxFileSize,
                             @Valid Map<String, RemoteSftp> remotePolling,
                             String bindAddress) {

    @ConstructorBinding
    public SftpProperties {
        remotePolling = remotePolling == null ? Map.of() : Map.copyOf(remotePolling);
        bindAddress = bindAddress == null || bindAddress.isBlank() ? null : bindAddress.strip();
    }

    /** Listening on every interface. */
    public SftpProperties(boolean enabled, int port, Path hostKey, DataSize maxFileSize,
                          Map<String, RemoteSftp> remotePolling) {
        this(enabled, port, hostKey, maxFileSize, remotePolling, null);
    }

    /**
     * A remote SFTP server polled for one participant's files. The server's host key must be in
     * {@code knownHosts}: the gateway never trusts a host key it has not been told.
     *
     * @param host       the server
     * @param port       its port (default 22)
     * @param username   the user the gateway logs in as
     * @param privateKey the gateway's OpenSSH private key for that user
     * @param knownHosts an OpenSSH known_hosts file holding the server's host key
     * @param directory  the remote directory holding the sealed files (default {@code inbox})
     * @param delay      the time between polls (default 5s)
     */
    public record RemoteSftp(@NotBlank String host,
                             @DefaultValue("22") @Min(1) @Max(65535) int port,
                             @NotBlank String username,
                             @NotNull Path privateKey,
                             @NotNull Path knownHosts,
                             @DefaultValue("inbox") @NotBlank String directory,
                             @DefaultValue("5s") @NotNull Duration delay) {
    }
}
