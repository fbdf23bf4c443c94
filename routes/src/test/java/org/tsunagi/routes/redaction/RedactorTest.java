package org.tsunagi.routes.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tsunagi.schemas.MessageType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class RedactorTest {

    private final Redactor redactor = TestMessages.redactor();

    private static List<String> values(Document doc, String localName) {
        var list = doc.getElementsByTagNameNS(Redactor.NS, localName);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            result.add(list.item(i).getTextContent());
        }
        return result;
    }

    private RedactedMessage housing(String recipient) {
        return redactor.redact(TestMessages.sample(MessageType.RELEASE_NOTICE),
                new DisclosureRequest(recipient, "housing-support", "appi-art69-2-iii"));
    }

    @Test
    void pseudonymsAreStablePerRecipientAndUnrelatedAcrossRecipients() {
        List<String> nagoya = values(housing("231002").document(), "Value");
        List<String> nagoyaAgain = values(housing("231002").document(), "Value");
        List<String> aichi = values(housing("230006").document(), "Value");
        assertThat(nagoya).hasSize(2).allMatch(v -> v.matches("PS-[0-9a-f]{32}"));
        assertThat(nagoyaAgain).isEqualTo(nagoya);
        assertThat(aichi).hasSize(2).doesNotContainAnyElementsOf(nagoya);
        assertThat(String.join(" ", nagoya)).doesNotContain("NGY-2024-0153");
        PseudonymKey otherSecret = PseudonymKey.of("another secret of thirty-two bytes!".getBytes());
        assertThat(otherSecret.pseudonym("231002", "inmate-number|facility-nagoya|NGY-2024-0153"))
                .isNotIn(nagoya);
    }

    @Test
    void pseudonymsAreIssuedByTheConfiguredGatewayId() {
        Redactor other = new Redactor("gateway-b", PolicyCatalog.load(TestMessages.POLICIES), TestMessages.KEY,
                TestMessages.CODEC, TestMessages.CLOCK);

        List<String> issuers = values(other.redact(TestMessages.sample(MessageType.RELEASE_NOTICE),
                new DisclosureRequest("231002", "housing-support", "appi-art69-2-iii")).document(), "IssuedBy");

        assertThat(issuers).hasSize(2).containsOnly("gateway-b");
        assertThat(values(housing("231002").document(), "IssuedBy")).containsOnly(TestMessages.GATEWAY_ID);
    }

    @Test
    void releaseMonthIsTheReleaseDatesYearAndMonth() {
        RedactedMessage copy = housing("231002");

        assertThat(values(copy.document(), "PlannedReleaseMonth")).containsExactly("2026-12");
        assertThat(values(copy.document(), "PlannedReleaseDate")).isEmpty();
        assertThat(copy.disclosed()).contains(new DisclosedField("ReleaseNotice/PlannedReleaseDate", "release-month",
                "ReleaseNotice/PlannedReleaseMonth"));
        assertThat(Generalisation.releaseMonth(LocalDate.of(987, 3, 31))).isEqualTo("0987-03");
    }

    @Test
    void theSourceMessageIsNotModifiedAndVictimRemarksNeverLeave() {
        Document source = TestMessages.sample(MessageType.RELEASE_NOTICE);
        String before = source.getDocumentElement().getTextContent();
        RedactedMessage copy = redactor.redact(source, new DisclosureRequest("231002", "welfare-support", "appi-art69-2-iii"));
        assertThat(source.getDocumentElement().getTextContent()).isEqualTo(before);
        assertThat(new String(copy.xml(), StandardCharsets.UTF_8)).doesNotContain("被害").doesNotContain("VictimRelatedRemarks>被");
        assertThat(copy.withheld()).contains("ReleaseNotice/VictimRelatedRemarks");
        assertThat(copy.disclosedPaths()).doesNotContain("ReleaseNotice/VictimRelatedRemarks");
    }

    @Test
    void refusalsAreTypedAndProduceNothing() {
        Document notice = TestMessages.sample(MessageType.RELEASE_NOTICE);
        assertThatThrownBy(() -> redactor.redact(notice, new DisclosureRequest("231002", "marketing", "consent")))
                .isInstanceOfSatisfying(RedactionException.class,
                        e -> assertThat(e.reason()).isEqualTo(RedactionException.Reason.NO_POLICY));
        assertThatThrownBy(() -> redactor.redact(notice,
                new DisclosureRequest("252018", "ordinance-reintegration", "appi-art69-2-iii")))
                .isInstanceOfSatisfying(RedactionException.class,
                        e -> assertThat(e.reason()).isEqualTo(RedactionException.Reason.LEGAL_BASIS_NOT_ACCEPTED));
        assertThatThrownBy(() -> redactor.redact(notice, new DisclosureRequest("231002", "planning-statistics", "appi-art69-2-iv")))
                .isInstanceOfSatisfying(RedactionException.class,
                        e -> assertThat(e.reason()).isEqualTo(RedactionException.Reason.MESSAGE_TYPE_NOT_COVERED));

        Document withoutConsent = TestMessages.sample(MessageType.RELEASE_NOTICE);
        Element given = (Element) withoutConsent.getElementsByTagNameNS(Redactor.NS, "Given").item(0);
        given.setTextContent("false");
        assertThatThrownBy(() -> redactor.redact(withoutConsent, new DisclosureRequest("231002", "housing-support", "appi-art69-2-iii")))
                .isInstanceOfSatisfying(RedactionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RedactionException.Reason.CONSENT_MISSING);
                    assertThat(e.getMessage()).contains("b19f23ce-05e7-41fd-b690-e4d63f56a116").doesNotContain("佐藤");
                });
    }

    @Test
    void statisticsBelowNationalLevelCarryFlagsNeverValuesAndNationalGetsAll() {
        Document report = TestMessages.sample(MessageType.STATISTICS_REPORT);
        RedactedMessage municipal = redactor.redact(report, new DisclosureRequest("231002", "planning-statistics", "appi-art69-2-iv"));
        List<String> counts = values(municipal.document(), "Count");
        assertThat(counts).doesNotContain("1", "2").contains("3");  // k = 3: 3 is publishable
        assertThat(values(municipal.document(), "Suppressed")).containsExactly("COMPLEMENTARY", "SMALL_CELL",
                "COMPLEMENTARY", "SMALL_CELL");
        assertThat(municipal.disclosed()).extracting(DisclosedField::transform).contains("small-cell-suppression");

        RedactedMessage stricter = redactor.redact(report,
                new DisclosureRequest("231002", "planning-statistics", "appi-art69-2-iv", SmallCellRule.withMinCount(5)));
        assertThat(values(stricter.document(), "Count")).doesNotContain("1", "2", "3", "4");

        RedactedMessage national = redactor.redact(report,
                new DisclosureRequest("moj-hq", "planning-statistics", "appi-art69-2-iv", SmallCellRule.NATIONAL));
        assertThat(values(national.document(), "Suppressed")).isEmpty();
        assertThat(values(national.document(), "Count")).contains("1", "2");
    }

    @Test
    void aRateWithASmallDenominatorIsSuppressed() {
        Document report = TestMessages.sample(MessageType.STATISTICS_REPORT);
        // Tottori's 188 released becomes 12: below the default denominator threshold of 20.
        var denominators = report.getElementsByTagNameNS(Redactor.NS, "Denominator");
        for (int i = 0; i < denominators.getLength(); i++) {
            if (denominators.item(i).getTextContent().equals("188")) {
                denominators.item(i).setTextContent("12");
            }
        }
        RedactedMessage copy = redactor.redact(report, new DisclosureRequest("230006", "planning-statistics", "appi-art69-2-iv"));
        assertThat(values(copy.document(), "Rate")).containsExactly("16.61", "15.17");
        assertThat(values(copy.document(), "Denominator")).doesNotContain("12");
    }

    @Test
    void aJaxbMessageGivesTheSameCopyAsItsDocument() throws Exception {
        byte[] sample;
        try (var in = org.tsunagi.schemas.MessageSchema.class.getResourceAsStream(MessageType.RELEASE_NOTICE.sampleResource())) {
            sample = in.readAllBytes();
        }
        var model = TestMessages.CODEC.read(sample);
        RedactedMessage fromModel = redactor.redact(model, new DisclosureRequest("231002", "housing-support", "appi-art69-2-iii"));
        assertThat(fromModel.xml()).isEqualTo(housing("231002").xml());
    }

    @Test
    void concurrentRedactionsGiveTheSameCopies() throws Exception {
        byte[] expected = housing("231002").xml();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> housing("231002").xml()));
            }
            for (Future<byte[]> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
