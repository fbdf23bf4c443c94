package org.tsunagi.gateway.sftp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.participants.ParticipantRegistry;

@Configuration(proxyBeanMethods = false)
class SftpConfiguration {

    @Bean
    ParticipantHomes participantHomes(GatewayProperties gateway, ParticipantRegistry registry) {
        ParticipantHomes homes = new ParticipantHomes(gateway.dataDir());
        registry.all().forEach(p -> homes.prepare(p.id()));
        return homes;
    }

    @Bean
    @ConditionalOnProperty(name = "tsunagi.sftp.enabled", havingValue = "true", matchIfMissing = true)
    EmbeddedSftpServer embeddedSftpServer(SftpProperties properties, ParticipantRegistry registry,
                                          ParticipantHomes homes) {
        return new EmbeddedSftpServer(properties, registry, homes);
    }
}
