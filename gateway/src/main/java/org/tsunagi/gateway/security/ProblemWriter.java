package org.tsunagi.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Writes problem+json from the security filters, where no controller advice runs. */
@Component
class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String cause,
               String detail) throws IOException {
        ProblemDetail body = ApiProblem.problemDetail(status, cause, detail);
        body.setInstance(URI.create(request.getRequestURI()));
        write(response, status, body);
    }

    /** Without an {@code instance}: for a request whose URL is itself what was refused. */
    void write(HttpServletResponse response, HttpStatus status, String cause, String detail) throws IOException {
        write(response, status, ApiProblem.problemDetail(status, cause, detail));
    }

    private void write(HttpServletResponse response, HttpStatus status, ProblemDetail body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
