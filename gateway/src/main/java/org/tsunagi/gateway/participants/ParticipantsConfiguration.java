package org.tsunagi.gateway.participants;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ParticipantsConfiguration {

    // Replaced by the schema's MessageType enum and the policy catalogue's purposes once those features are wired.
    private static final Set<String> MESSAGE_TYPES = Set.of("ReleaseNotice", "ProbationCaseUpdate",
            "InformationRequest", "InformationResponse", "SupportOutcome", "StatisticsReport", "Receipt");

    @Bean
    ParticipantRegistry participantRegistry(ParticipantsProperties properties) {
        return ParticipantRegistry.load(properties.file(), MESSAGE_TYPES, purpose -> true);
    }
}
