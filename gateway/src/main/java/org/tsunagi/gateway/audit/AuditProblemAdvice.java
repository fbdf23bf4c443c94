package org.tsunagi.gateway.audit;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Problem+json for the audit API; each cause has a stable type URI that clients can switch on. */
@RestControllerAdvice(assignableTypes = AuditController.class)
class AuditProblemAdvice {

    static final String TYPE_PREFIX = "urn:tsunagi:problem:";

    @ExceptionHandler(AuditProblem.class)
    ResponseEntity<ProblemDetail> problem(AuditProblem problem) {
        return render(problem.status(), problem.problemCause(), problem.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return render(HttpStatus.BAD_REQUEST, "missing-parameter", "query parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return render(HttpStatus.BAD_REQUEST, "invalid-parameter", "query parameter '" + e.getName() + "' is malformed");
    }

    static ResponseEntity<ProblemDetail> render(HttpStatus status, String cause, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPE_PREFIX + cause));
        body.setTitle(cause.replace('-', ' '));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
