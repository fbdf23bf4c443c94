package org.tsunagi.gateway.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame (served at {@code /v3/api-docs}, checked in as {@code docs/openapi.json}): the
 * client authentication every operation needs, and a fixed server so the document does not depend on the port.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PARTICIPANT_JWT = "participantJwt";

    @Bean
    OpenAPI tsunagiOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Tsunagi gateway HTTPS API").version("v1")
                        .description("Secure exchange of recidivism-prevention information between correctional " +
                    "facilities, probation offices, prefectures and municipalities. Every request carries " +
                    "`Authorization: Bearer <JWT>` that the participant signs with its registered key " +
                    "(ES256, PS256 or EdDSA): `iss` = participant id, `aud` = `tsunagi-gateway`, " +
                    "`exp` at most 5 minutes ahead, `iat`, and a `jti` never used before. Errors are " +
                    "RFC 9457 `application/problem+json` whose `type` is `urn:tsunagi:problem:<cause>`.")
                        .license(new License().name("Demo keys are public: never use them for real data")))
                .servers(List.of(new Server().url("https://localhost:8443").description("embedded default")))
                .components(new Components().addSecuritySchemes(PARTICIPANT_JWT, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT signed by the participant's registered key; see the API description.")))
                .addSecurityItem(new SecurityRequirement().addList(PARTICIPANT_JWT));
    }
}
