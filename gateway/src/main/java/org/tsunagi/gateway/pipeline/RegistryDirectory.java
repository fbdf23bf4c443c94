package org.tsunagi.gateway.pipeline;

import java.time.LocalDate;
import java.util.List;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.gateway.participants.ParticipantRole;
import org.tsunagi.routes.routing.AgreementTerms;
import org.tsunagi.routes.routing.RecipientDirectory;

/** The participant registry as the router sees it. */
final class RegistryDirectory implements RecipientDirectory {

    private final ParticipantRegistry registry;

    RegistryDirectory(ParticipantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean isRegistered(String participantId) {
        return registry.find(participantId).isPresent();
    }

    @Override
    public boolean isJusticeBody(String participantId) {
        return registry.find(participantId).map(p -> p.role() == ParticipantRole.CORRECTIONAL_FACILITY
                || p.role() == ParticipantRole.PROBATION_OFFICE).orElse(false);
    }

    @Override
    public boolean isProbationOffice(String participantId) {
        return registry.find(participantId).map(p -> p.role() == ParticipantRole.PROBATION_OFFICE).orElse(false);
    }

    @Override
    public List<String> localGovernments() {
        return registry.all().stream().filter(p -> p.role().isLocalGovernment()).map(Participant::id).toList();
    }

    @Override
    public List<String> probationOffices() {
        return registry.all().stream().filter(p -> p.role() == ParticipantRole.PROBATION_OFFICE)
                .map(Participant::id).toList();
    }

    @Override
    public List<AgreementTerms> activeAgreements(String recipientId, String messageType, String sender,
                                                 LocalDate day) {
        return registry.find(recipientId).map(p -> p.agreementsFor(messageType, sender, day).stream()
                .map(a -> new AgreementTerms(a.id(), a.purpose(), a.legalBasis(), a.minimumCellCount()))
                .toList()).orElse(List.of());
    }
}
