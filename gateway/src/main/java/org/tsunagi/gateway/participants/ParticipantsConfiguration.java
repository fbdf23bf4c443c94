package org.tsunagi.gateway.participants;

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
        Set<String> types = Arrays.stream(MessageType.values()).map(MessageType::rootElement)
                .collect(Collectors.toUnmodifiableSet());
        return ParticipantRegistry.load(properties.file(), types, purpose -> policies.policy(purpose).isPresent());
    }
}
