package org.tsunagi.gateway.sftp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.gateway.pipeline.PipelineProperties;

@Configuration(proxyBeanMethods = false)
class SftpConfiguration {

    @Bean
    ParticipantHomes participantHomes(GatewayProperties gateway) {
        return new ParticipantHomes(gateway.dataDir());
    }

    /** One polling route per participant configured under {@code tsunagi.sftp.remote-polling}. */
    @Bean
    RemoteSftpPolling remoteSftpPolling(SftpProperties properties, ParticipantRegistry registry,
                                        ParticipantHomes homes, PipelineProperties pipeline) {
        for (String participant : properties.remotePolling().keySet()) {
            if (registry.find(participant).isEmpty()) {
                throw new IllegalStateException("tsunagi.sftp.remote-polling." + participant
                        + ": no such participant in the registry");
            }
        }
        return new RemoteSftpPolling(properties.remotePolling(), homes, pipeline.minFileAge().toMillis());
    }

    @Bean
    @ConditionalOnProperty(name = "tsunagi.sftp.enabled", havingValue = "true", matchIfMissing = true)
    EmbeddedSftpServer embeddedSftpServer(SftpProperties properties, ParticipantRegistry registry,
                                          ParticipantHomes homes) {
        return new EmbeddedSftpServer(properties, registry, homes);
    }
}
