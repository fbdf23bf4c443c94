package org.tsunagi.gateway.audit;

import org.springframework.http.HttpStatus;

/** A refused audit request; rendered as RFC 9457 problem+json with type {@code urn:tsunagi:problem:<cause>}. */
final class AuditProblem extends RuntimeException {

    private final String cause;
    private final HttpStatus status;

    AuditProblem(HttpStatus status, String cause, String detail) {
        super(detail);
        this.status = status;
        this.cause = cause;
    }

    static AuditProblem badRequest(String cause, String detail) {
        return new AuditProblem(HttpStatus.BAD_REQUEST, cause, detail);
    }

    String problemCause() {
        return cause;
    }

    HttpStatus status() {
        return status;
    }
}
