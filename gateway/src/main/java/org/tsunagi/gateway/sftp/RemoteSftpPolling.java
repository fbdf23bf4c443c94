package org.tsunagi.gateway.sftp;

import java.util.Map;
import org.apache.camel.builder.RouteBuilder;

/**
 * Polls remote SFTP servers for participants who keep their outgoing files there (a per-participant setting,
 * {@code tsunagi.sftp.remote-polling.<participant-id>}), and brings each complete {@code *.p7m} file into that
 * participant's local inbox, where the message route takes it like any other drop.
 *
 * <p>The local file is written under a temporary name and renamed, and named after the remote file
 * ({@code remote-<name>}), so that a file downloaded twice (a crash between the local write and the remote delete)
 * is the same drop and is not processed twice. The remote file is deleted only after the local one is complete.
 * The server's host key must be in the configured known_hosts file.
 */
public final class RemoteSftpPolling extends RouteBuilder {

    private final Map<String, SftpProperties.RemoteSftp> remotes;
    private final ParticipantHomes homes;
    private final long minFileAgeMillis;

    public RemoteSftpPolling(Map<String, SftpProperties.RemoteSftp> remotes, ParticipantHomes homes,
                             long minFileAgeMillis) {
        this.remotes = Map.copyOf(remotes);
        this.homes = homes;
        this.minFileAgeMillis = minFileAgeMillis;
    }

    @Override
    public void configure() {
        remotes.forEach((participant, remote) -> from(uri(remote))
                .routeId("remote-sftp-" + participant)
                .log("fetched ${header.CamelFileName} from " + remote.host() + " for " + participant)
                .to("file:" + homes.inbox(participant) + "?fileName=remote-${file:onlyname}"
                        + "&tempFileName=.${file:onlyname}.part&fileExist=Override&eagerDeleteTargetFile=false"));
    }

    String uri(SftpProperties.RemoteSftp remote) {
        return "sftp://" + remote.username() + "@" + remote.host() + ":" + remote.port() + "/" + remote.directory()
                + "?privateKeyFile=" + remote.privateKey().toAbsolutePath()
                + "&knownHostsFile=" + remote.knownHosts().toAbsolutePath()
                + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false&preferredAuthentications=publickey"
                + "&include=.*\\.p7m&delete=true&readLock=changed&readLockMinAge=" + minFileAgeMillis
                + "&delay=" + remote.delay().toMillis() + "&throwExceptionOnConnectFailed=true"
                + "&stepwise=false&disconnect=false";
    }
}
