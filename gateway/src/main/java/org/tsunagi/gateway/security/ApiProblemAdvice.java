package org.tsunagi.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem+json for the API: {@link ApiProblem}s, and Spring MVC's own refusals with stable types. Global (some of
 * these are raised before a controller is chosen) and last in order, so feature-specific advice comes first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblemAdvice {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem problem) {
        return render(problem.toProblemDetail(), problem.status());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return render(ApiProblem.problemDetail(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                "ask for application/pkcs7-mime or application/jose"), HttpStatus.NOT_ACCEPTABLE);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException e) {
        return render(ApiProblem.problemDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "send the sealed message as application/pkcs7-mime"), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return render(ApiProblem.problemDetail(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                e.getMethod() + " is not allowed here"), HttpStatus.METHOD_NOT_ALLOWED);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return render(ApiProblem.problemDetail(HttpStatus.NOT_FOUND, "not-found", "no such resource"),
                HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return render(ApiProblem.problemDetail(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "parameter '" + e.getName() + "' is malformed"), HttpStatus.BAD_REQUEST);
    }

    private static ResponseEntity<ProblemDetail> render(ProblemDetail body, HttpStatus status) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
