package org.tsunagi.gateway.operations;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.tsunagi.gateway.participants.InvalidParticipantsException;

/**
 * A mistake in participants.yaml stops the start with its one line (file, participant, line), not a stack trace of
 * every bean that depended on the registry: Spring Boot prints an analysed failure without the trace.
 */
final class InvalidParticipantsAnalyzer extends AbstractFailureAnalyzer<InvalidParticipantsException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidParticipantsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the participant registry (tsunagi.participants.file) and start again.", cause);
    }
}
