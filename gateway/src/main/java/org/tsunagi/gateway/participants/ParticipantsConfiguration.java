package org.tsunagi.gateway.participants;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsunagi.routes.redaction.PolicyCatalog;
import org.tsunagi.schemas.MessageType;

@Configuration(proxyBeanMethods = false)
class ParticipantsConfiguration {

    /** Message types are the schema's; purposes are those the disclosure policies define. */
    @Bean
    ParticipantRegistry participantRegistry(ParticipantsProperties properties, PolicyCatalog policies) {
        return ParticipantRegistry.load(properties.file(), messageTypes(), purpose -> policies.policy(purpose).isPresent());
    }

    @Bean
    ParticipantsReload participantsReload(ParticipantRegistry registry, ParticipantsProperties properties,
                                          PolicyCatalog policies, MeterRegistry meters) {
        return new ParticipantsReload(registry, properties.file(), messageTypes(),
                purpose -> policies.policy(purpose).isPresent(), properties.reloadCheck(), meters);
    }

    @Bean
    ParticipantsEndpoint participantsEndpoint(ParticipantsReload reload) {
        return new ParticipantsEndpoint(reload);
    }

    private static Set<String> messageTypes() {
        return Arrays.stream(MessageType.values()).map(MessageType::rootElement)
                .collect(Collectors.toUnmodifiableSet());
    }
}
