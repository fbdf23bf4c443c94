package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.gateway.delivery.OutboundCopy;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.participants.ParticipantRole;

/**
 * Every endpoint × every participant role × own and other tenant's resource, each cell with its expected status,
 * all generated from the one {@link #TABLE}. A cell missing from the table fails the build.
 */
@ApiTest
class AuthorizationMatrixTest {

    /** One participant per registry role; the "other tenant" of each is {@link #OTHER}'s copy. */
    static final Map<ParticipantRole, String> BY_ROLE = Map.of(
            ParticipantRole.CORRECTIONAL_FACILITY, "facility-nagoya",
            ParticipantRole.PROBATION_OFFICE, "probation-nagoya",
            ParticipantRole.PREFECTURE, "230006",
            ParticipantRole.MUNICIPALITY, "231002",
            ParticipantRole.STATISTICS_SENDER, "moj-stats",
            ParticipantRole.AUDITOR, "auditor");
    /** Otsu City: whose copies the others ask for; never one of the callers. */
    static final String OTHER = "252018";

    enum Tenant { NONE, OWN, OTHER }

    enum Endpoint {
        SUBMIT("POST", "/api/v1/messages", EnumSet.of(Tenant.NONE)),
        LIST("GET", "/api/v1/messages", EnumSet.of(Tenant.OWN)),
        DOWNLOAD_CMS("GET", "/api/v1/messages/{id}", EnumSet.of(Tenant.OWN, Tenant.OTHER)),
        DOWNLOAD_JOSE("GET", "/api/v1/messages/{id}", EnumSet.of(Tenant.OWN, Tenant.OTHER)),
        ACK("POST", "/api/v1/messages/{id}/ack", EnumSet.of(Tenant.OWN, Tenant.OTHER)),
        AUDIT_DISCLOSURES("GET", "/api/v1/audit/disclosures", EnumSet.of(Tenant.NONE)),
        AUDIT_SUBJECT_REPORT("GET", "/api/v1/audit/subjects/" + "ab".repeat(32) + "/report", EnumSet.of(Tenant.NONE)),
        AUDIT_ENTRIES("GET", "/api/v1/audit/entries?start=0&end=1", EnumSet.of(Tenant.NONE)),
        CHECKPOINT("GET", "/api/v1/audit/checkpoint", EnumSet.of(Tenant.NONE)),
        INCLUSION_PROOF("GET", "/api/v1/audit/proofs/inclusion?index=0&treeSize=1", EnumSet.of(Tenant.NONE)),
        CONSISTENCY_PROOF("GET", "/api/v1/audit/proofs/consistency?from=1&to=1", EnumSet.of(Tenant.NONE));

        final String method;
        final String path;
        final Set<Tenant> tenants;

        Endpoint(String method, String path, Set<Tenant> tenants) {
            this.method = method;
            this.path = path;
            this.tenants = tenants;
        }
    }

    record Row(Endpoint endpoint, Tenant tenant, int facility, int probation, int prefecture, int municipality,
               int statistics, int auditor) {

        int expected(ParticipantRole role) {
            return switch (role) {
                case CORRECTIONAL_FACILITY -> facility;
                case PROBATION_OFFICE -> probation;
                case PREFECTURE -> prefecture;
                case MUNICIPALITY -> municipality;
                case STATISTICS_SENDER -> statistics;
                case AUDITOR -> auditor;
            };
        }
    }

    // @formatter:off
    static final List<Row> TABLE = List.of(
        //      endpoint                        tenant        facility probation pref muni stats auditor
        new Row(Endpoint.SUBMIT,               Tenant.NONE,  202,     202,      202, 202, 202,  403),
        new Row(Endpoint.LIST,                 Tenant.OWN,   200,     200,      200, 200, 403,  403),
        new Row(Endpoint.DOWNLOAD_CMS,         Tenant.OWN,   200,     200,      200, 200, 403,  403),
        new Row(Endpoint.DOWNLOAD_CMS,         Tenant.OTHER, 404,     404,      404, 404, 403,  403),
        new Row(Endpoint.DOWNLOAD_JOSE,        Tenant.OWN,   200,     200,      200, 200, 403,  403),
        new Row(Endpoint.DOWNLOAD_JOSE,        Tenant.OTHER, 404,     404,      404, 404, 403,  403),
        new Row(Endpoint.ACK,                  Tenant.OWN,   204,     204,      204, 204, 403,  403),
        new Row(Endpoint.ACK,                  Tenant.OTHER, 404,     404,      404, 404, 403,  403),
        new Row(Endpoint.AUDIT_DISCLOSURES,    Tenant.NONE,  403,     403,      403, 403, 403,  200),
        new Row(Endpoint.AUDIT_SUBJECT_REPORT, Tenant.NONE,  403,     403,      403, 403, 403,  200),
        new Row(Endpoint.AUDIT_ENTRIES,        Tenant.NONE,  403,     403,      403, 403, 403,  200),
        new Row(Endpoint.CHECKPOINT,           Tenant.NONE,  200,     200,      200, 200, 200,  200),
        new Row(Endpoint.INCLUSION_PROOF,      Tenant.NONE,  200,     200,      200, 200, 200,  200),
        new Row(Endpoint.CONSISTENCY_PROOF,    Tenant.NONE,  200,     200,      200, 200, 200,  200));
    // @formatter:on

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DisclosureLedger ledger;

    @Test
    void theTableHasEveryEndpointTenantAndRole() {
        Map<String, Integer> cells = new LinkedHashMap<>();
        for (Row row : TABLE) {
            assertThat(row.endpoint().tenants).as(row.toString()).contains(row.tenant());
            assertThat(cells.put(row.endpoint() + "/" + row.tenant(), 1)).as("listed twice: " + row).isNull();
        }
        for (Endpoint endpoint : Endpoint.values()) {
            for (Tenant tenant : endpoint.tenants) {
                assertThat(cells).as("no row for " + endpoint + " " + tenant).containsKey(endpoint + "/" + tenant);
            }
        }
        assertThat(BY_ROLE.keySet()).containsExactlyInAnyOrder(ParticipantRole.values());
    }

    @TestFactory
    Stream<DynamicTest> everyCell() {
        TestCopies copies = new TestCopies(outbox, transaction);
        // The audit endpoints need a ledger with at least one entry and a checkpoint.
        ledger.append(new LedgerEntry.Builder(LedgerEvent.REFUSED, java.time.Instant.now()).reason("matrix-test").build());
        ledger.integrateNow();
        ledger.checkpointIfBehind();
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : TABLE) {
            for (ParticipantRole role : ParticipantRole.values()) {
                String caller = BY_ROLE.get(role);
                int expected = row.expected(role);
                tests.add(dynamicTest(row.endpoint() + " " + row.tenant() + " as " + role + " (" + caller + ") → "
                        + expected, () -> {
                    String owner = row.tenant() == Tenant.OTHER ? OTHER : caller;
                    OutboundCopy copy = row.tenant() == Tenant.NONE ? null : copies.enqueue(owner, "ReleaseNotice");
                    HttpResponse<byte[]> response = call(row.endpoint(), caller, copy);

                    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                            .isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(ApiClient.problemType(response)).startsWith("urn:tsunagi:problem:");
                        if (copy != null) {
                            assertThat(new String(response.body(), StandardCharsets.ISO_8859_1))
                                    .doesNotContain(new String(copy.cms(), StandardCharsets.ISO_8859_1))
                                    .doesNotContain(copy.jose());
                            assertThat(outbox.history(copy.copyId())).as("nothing recorded for a refusal").isEmpty();
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    private HttpResponse<byte[]> call(Endpoint endpoint, String caller, OutboundCopy copy) {
        ApiClient api = new ApiClient(port);
        String token = TestTokens.token(caller);
        String path = copy == null ? endpoint.path : endpoint.path.replace("{id}", copy.copyId().toString());
        return switch (endpoint) {
            case SUBMIT -> api.send("POST", path, token, Map.of("Content-Type", "application/pkcs7-mime"),
                    new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
            case DOWNLOAD_CMS -> api.get(path, token, "application/pkcs7-mime");
            case DOWNLOAD_JOSE -> api.get(path, token, "application/jose");
            case ACK -> api.send("POST", path, token, Map.of(), null);
            default -> api.get(path, token, null);
        };
    }
}
