package org.tsunagi.gateway.security;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.tsunagi.routes.envelope.JcaProviders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.ParticipantRegistry;

/**
 * Client authentication and authorisation of the HTTPS API ({@code /api/**}).
 *
 * <p>Every request carries {@code Authorization: Bearer <JWT>} signed by the participant's registered key. Nimbus
 * verifies it (the key chosen by {@code iss}, algorithms ES256/PS256/EdDSA only, {@code aud} = the gateway id,
 * {@code iss exp iat jti} required, {@code exp}/{@code nbf} with the allowed skew); then the gateway checks the
 * lifetime, the participant's certificate (chain, validity, CRL) and that the {@code jti} was never used.
 * The principal's name is the participant id; roles come from the registry ({@link ParticipantAuthorities}).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    static final String MESSAGES = "/api/v1/messages";
    static final String GATEWAY_CERTIFICATES = "/api/v1/gateway/certificates";

    @Bean
    JwtDecoder participantTokenDecoder(ParticipantRegistry registry, GatewayProperties gateway, ApiProperties api,
                                       ParticipantCertificates certificates, CurrentCertificates current,
                                       TokenReplayCache replays, Clock clock, JcaProviders providers) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWTClaimsSetAwareJWSKeySelector(new ParticipantKeySelector(registry, current));
        processor.setJWSVerifierFactory(new Ed25519JcaVerifierFactory(providers.ecdsa()));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(gateway.gatewayId(),
                new JWTClaimsSet.Builder().build(), Set.of("iss", "aud", "exp", "iat", "jti"));
        claims.setMaxClockSkew((int) api.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);

        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        // Cheap checks first; the replay cache last, so that only an otherwise valid token uses up its jti.
        decoder.setJwtValidator(TokenRules.inOrder(
                TokenRules.shortLived(api.maxTokenLifetime(), api.clockSkew(), clock),
                certificates,
                TokenRules.usedOnce(replays, api.clockSkew(), clock)));
        return decoder;
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder participantTokenDecoder, ParticipantRegistry registry,
                            ApiProperties api, ProblemWriter problems) throws Exception {
        ApiAuthenticationProblems refusals = new ApiAuthenticationProblems(problems);
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        // Public: what senders seal to and what the gateway signs with, needed before any token.
                        .requestMatchers(HttpMethod.GET, GATEWAY_CERTIFICATES).permitAll()
                        .requestMatchers(HttpMethod.POST, MESSAGES).hasRole("SENDER")
                        // A sender's own receipts (an HTTPS-only sender has no SFTP outbox to fetch them from).
                        .requestMatchers(request -> HttpMethod.GET.matches(request.getMethod())
                                && MESSAGES.equals(request.getRequestURI())
                                && "receipt".equals(request.getParameter("kind")))
                        .hasAnyRole("SENDER", "RECIPIENT")
                        .requestMatchers(HttpMethod.GET, MESSAGES + "/receipts/*").hasAnyRole("SENDER", "RECIPIENT")
                        .requestMatchers(HttpMethod.POST, MESSAGES + "/receipts/*/ack").hasAnyRole("SENDER", "RECIPIENT")
                        .requestMatchers(HttpMethod.GET, MESSAGES, MESSAGES + "/*").hasRole("RECIPIENT")
                        .requestMatchers(HttpMethod.POST, MESSAGES + "/*/ack").hasRole("RECIPIENT")
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/checkpoint", "/api/v1/audit/checkpoint/timestamp",
                                "/api/v1/audit/proofs/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/**").hasRole("AUDITOR")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resource -> resource
                        .bearerTokenResolver(new BoundedBearerTokenResolver(api.maxTokenBytes()))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals)
                        .jwt(jwt -> jwt.decoder(participantTokenDecoder)
                                .jwtAuthenticationConverter(new ParticipantAuthorities(registry))))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .addFilterAfter(new ParticipantLimitsFilter(api, problems), BearerTokenAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorisation, on every chain: about
     * fifteen timers started and stopped per request (each with its tags) that no metric, alert or trace of the
     * gateway reads (README "Health, metrics and alerts"; there is no tracer). Boot's {@code http.server.requests}
     * stays, and so does the log of every refusal.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Requests that Spring Security's firewall refuses (encoded slashes, {@code ;}, {@code ..}, control characters,
     * ...) before any chain runs: answered as problem+json like every other refusal, not with the servlet
     * container's HTML error page. The request is not echoed back.
     */
    @Bean
    RequestRejectedHandler firewallRejections(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(response, HttpStatus.BAD_REQUEST, "request-rejected",
                "the request's URL or headers are not accepted (encoded slashes, ';', '..' or control characters)");
    }

    /** Everything outside the API and the management endpoints: the OpenAPI document is public, the rest refused. */
    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http, ProblemWriter problems) throws Exception {
        ApiAuthenticationProblems refusals = new ApiAuthenticationProblems(problems);
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }
}
