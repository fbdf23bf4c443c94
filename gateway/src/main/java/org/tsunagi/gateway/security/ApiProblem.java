package org.tsunagi.gateway.security;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A refusal of the HTTPS API, rendered as RFC 9457 problem+json whose {@code type} is
 * {@code urn:tsunagi:problem:<cause>}: the cause is stable, clients switch on it; the detail is for people.
 */
public class ApiProblem extends RuntimeException {

    public static final String TYPE_PREFIX = "urn:tsunagi:problem:";

    private final HttpStatus status;
    private final String problemCause;

    public ApiProblem(HttpStatus status, String problemCause, String detail) {
        super(detail);
        this.status = status;
        this.problemCause = problemCause;
    }

    public HttpStatus status() {
        return status;
    }

    public String problemCause() {
        return problemCause;
    }

    public ProblemDetail toProblemDetail() {
        return problemDetail(status, problemCause, getMessage());
    }

    public static ProblemDetail problemDetail(HttpStatus status, String cause, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPE_PREFIX + cause));
        body.setTitle(cause.replace('-', ' '));
        return body;
    }

    /** The same answer for an id that does not exist and one that belongs to someone else. */
    public static ApiProblem notFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "no such message");
    }
}
