package org.tsunagi.gateway.security;

import com.nimbusds.jwt.proc.ExpiredJWTException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem+json, each refusal with its own stable type:
 * {@code missing-token}, {@code token-too-large}, {@code token-expired}, {@code token-lifetime-too-long},
 * {@code token-replayed}, {@code certificate-refused}, {@code invalid-token} (signature, algorithm, issuer,
 * audience, claims) and {@code forbidden}.
 */
final class ApiAuthenticationProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter writer;

    ApiAuthenticationProblems(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String cause = cause(failure);
        String detail = "missing-token".equals(cause)
                ? "send Authorization: Bearer <JWT signed with your registered key>"
                : failure.getMessage();
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "missing-token".equals(cause)
                ? "Bearer" : "Bearer error=\"invalid_token\"");
        writer.write(request, response, HttpStatus.UNAUTHORIZED, cause, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        writer.write(request, response, HttpStatus.FORBIDDEN, "forbidden",
                "your participant role may not use this endpoint");
    }

    static String cause(AuthenticationException failure) {
        if (failure instanceof TokenTooLargeException) {
            return "token-too-large";
        }
        if (failure instanceof InsufficientAuthenticationException) {
            return "missing-token";
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExpiredJWTException) {
                return "token-expired";
            }
            if (t instanceof JwtValidationException invalid) {
                for (OAuth2Error error : invalid.getErrors()) {
                    switch (error.getErrorCode()) {
                        case TokenRules.REPLAYED:
                            return "token-replayed";
                        case TokenRules.LIFETIME_TOO_LONG:
                            return "token-lifetime-too-long";
                        case ParticipantCertificates.REFUSED:
                            return "certificate-refused";
                        default:
                            break;
                    }
                }
            }
        }
        return "invalid-token";
    }
}
