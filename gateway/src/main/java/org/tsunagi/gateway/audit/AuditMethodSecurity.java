package org.tsunagi.gateway.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** Turns on the {@code @PreAuthorize} guards of the audit endpoints (roles come from the API's JWT filter chain). */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class AuditMethodSecurity {
}
