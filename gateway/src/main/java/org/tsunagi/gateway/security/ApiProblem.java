package org.tsunagi.gateway.security;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal of the HTTPS API, rendered (by {@link ApiProblemAdvice}, or {@link ProblemWriter} in the filters) as
 * RFC 9457 problem+json whose {@code type} is {@code urn:tsunagi:problem:<cause>}: the cause is stable, clients
 * switch on it; the detail is for people and never quotes personal data.
 */
public class ApiProblem extends ErrorResponseException {

    public static final String TYPE_PREFIX = "urn:tsunagi:problem:";

    private final String problemCause;

    public ApiProblem(HttpStatus status, String problemCause, String detail) {
        super(status, problemDetail(status, problemCause, detail), null);
        this.problemCause = problemCause;
    }

    public static ApiProblem badRequest(String problemCause, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, problemCause, detail);
    }

    /** The same answer for an id that does not exist and one that belongs to someone else. */
    public static ApiProblem notFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "no such message");
    }

    public String problemCause() {
        return problemCause;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    static ProblemDetail problemDetail(HttpStatusCode status, String cause, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPE_PREFIX + cause));
        body.setTitle(cause.replace('-', ' '));
        return body;
    }
}
