package org.tsunagi.gateway.security;

import java.util.Locale;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where the API's refusals become problem+json: {@link ApiProblem}s (an {@code ErrorResponse}) and
 * every refusal Spring MVC raises itself, each with a stable {@code urn:tsunagi:problem:<cause>} type. Global (some
 * are raised before a controller is chosen) and last in order. Filter-level refusals (tokens, limits, the firewall)
 * are written by {@link ProblemWriter} with the same types.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex instanceof ApiProblem ? (ProblemDetail) body
                : ApiProblem.problemDetail(status, cause(ex, status), detail(ex));
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, problem, problemHeaders, status, request);
    }

    /** Stable causes for Spring MVC's own refusals; any other is named after its status, e.g. {@code bad-request}. */
    static String cause(Exception ex, HttpStatusCode status) {
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return "not-found";
        }
        if (ex instanceof MissingServletRequestParameterException) {
            return "missing-parameter";
        }
        if (ex instanceof TypeMismatchException || ex instanceof BindException
                || ex instanceof HandlerMethodValidationException) {
            return "invalid-parameter";
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return "invalid-body";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Says what to do instead, without echoing the request (which may carry personal data). */
    private static String detail(Exception ex) {
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return "ask for application/pkcs7-mime or application/jose (messages), application/json or text/csv (audit)";
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return "send the sealed message as application/pkcs7-mime";
        }
        if (ex instanceof HttpRequestMethodNotSupportedException e) {
            return e.getMethod() + " is not allowed here";
        }
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return "no such resource";
        }
        if (ex instanceof MissingServletRequestParameterException e) {
            return "query parameter '" + e.getParameterName() + "' is required";
        }
        if (ex instanceof TypeMismatchException e) {
            return "parameter '" + e.getPropertyName() + "' is malformed";
        }
        if (ex instanceof BindException e && e.getFieldError() != null) {
            return "parameter '" + e.getFieldError().getField() + "' is malformed";
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return "the request body cannot be read";
        }
        return "the request was refused";
    }
}
