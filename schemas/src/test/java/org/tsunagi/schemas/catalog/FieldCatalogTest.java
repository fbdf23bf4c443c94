package org.tsunagi.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.codec.CodecLimits;

class FieldCatalogTest {

    @Test
    void pathsStartAtTheRootAndFollowTheDocument() {
        assertThat(FieldCatalog.paths(MessageType.RELEASE_NOTICE))
                .startsWith("ReleaseNotice", "ReleaseNotice/Header", "ReleaseNotice/Header/MessageId")
                .contains("ReleaseNotice/Person/Name/Kanji", "ReleaseNotice/Person/Name/Kana",
                        "ReleaseNotice/Person/DateOfBirth", "ReleaseNotice/Person/BirthYear",
                        "ReleaseNotice/Person/AgeBand", "ReleaseNotice/Person/Identifiers/Identifier/Scheme",
                        "ReleaseNotice/PlannedPlaceOfReturn/MunicipalityCode", "ReleaseNotice/PlannedPlaceOfReturn/Address",
                        "ReleaseNotice/Offences/Offence/OffenceCode", "ReleaseNotice/Offences/Offence/OffenceCategory",
                        "ReleaseNotice/VictimRelatedRemarks", "ReleaseNotice/Disclosure/Withheld/Path");
        assertThat(FieldCatalog.paths(MessageType.STATISTICS_REPORT))
                .contains("StatisticsReport/Table/Rows/Row/Cell/Count", "StatisticsReport/Table/Rows/Row/Cell/Suppressed",
                        "StatisticsReport/Table/Rows/Row/Area/LocalGovernmentCode");
    }

    @Test
    void unknownPathsAreRejected() {
        assertThat(FieldCatalog.isValidPath("ReleaseNotice/Person/Name/Kanji")).isTrue();
        assertThat(FieldCatalog.isValidPath("ReleaseNotice/Person/Name/Romaji")).isFalse();
        assertThat(FieldCatalog.isValidPath("ReleaseNotice/Person/Name/")).isFalse();
        assertThat(FieldCatalog.isValidPath("/ReleaseNotice/Person")).isFalse();
        assertThat(FieldCatalog.isValidPath("Person/Name/Kanji")).isFalse();
        assertThat(FieldCatalog.isValidPath("ParoleDecision/Person")).isFalse();
        assertThat(FieldCatalog.isValidPath(null)).isFalse();
        // a path of another message type is not a path of this one
        assertThat(FieldCatalog.paths(MessageType.RECEIPT)).doesNotContain("ReleaseNotice/Person");
    }

    @Test
    void definitionsTellWhatARedactionMustKeep() {
        FieldDefinition kanji = FieldCatalog.field("ReleaseNotice/Person/Name/Kanji").orElseThrow();
        assertThat(kanji.required()).isFalse();
        assertThat(kanji.leaf()).isTrue();
        assertThat(kanji.inBody()).isTrue();
        assertThat(kanji.name()).isEqualTo("Kanji");
        assertThat(kanji.parentPath()).isEqualTo("ReleaseNotice/Person/Name");
        assertThat(FieldCatalog.field("ReleaseNotice/Header/MessageId").orElseThrow().inHeader()).isTrue();
        assertThat(FieldCatalog.field("ReleaseNotice/Disclosure/Purpose").orElseThrow().inDisclosure()).isTrue();
        FieldDefinition offence = FieldCatalog.field("ReleaseNotice/Offences/Offence").orElseThrow();
        assertThat(offence.required()).isTrue();
        assertThat(offence.repeatable()).isTrue();
        assertThat(offence.leaf()).isFalse();
        assertThat(FieldCatalog.field("ReleaseNotice/PlannedPlaceOfReturn/MunicipalityCode").orElseThrow().xsdType())
                .isEqualTo("LocalGovernmentCode");
        assertThat(FieldCatalog.field("ReleaseNotice/Person/DateOfBirth").orElseThrow().xsdType()).isEqualTo("xs:date");
        // choice branches are never required on their own
        assertThat(FieldCatalog.field("StatisticsReport/Table/Rows/Row/Cell/Count").orElseThrow().required()).isFalse();
        assertThat(FieldCatalog.field("StatisticsReport/Table/Rows/Row/Cell/Measure").orElseThrow().required()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void onlyStructureIsRequiredInABody(MessageType type) {
        List<String> requiredTopLevel = FieldCatalog.fields(type).stream()
                .filter(f -> f.inBody() && f.required() && f.parentPath().equals(type.rootElement()))
                .map(FieldDefinition::path)
                .collect(Collectors.toList());
        switch (type) {
            case RECEIPT -> assertThat(requiredTopLevel).containsExactly("Receipt/RefersTo", "Receipt/Outcome");
            case STATISTICS_REPORT -> assertThat(requiredTopLevel).containsExactly("StatisticsReport/Table");
            default -> assertThat(requiredTopLevel).isEmpty();
        }
        // No value that could identify a person is ever required: the only required leaves are structure.
        assertThat(FieldCatalog.fields(type)).filteredOn(f -> f.inBody() && f.required() && f.leaf())
                .extracting(FieldDefinition::path)
                .allMatch(p -> p.startsWith("StatisticsReport/Table/") || p.startsWith("Receipt/")
                        || p.equals("InformationRequest/LegalBasis/Kind")
                        || p.equals("InformationRequest/RequestedItems/Item"));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyElementIsDocumented(MessageType type) {
        assertThat(FieldCatalog.fields(type)).allSatisfy(f -> assertThat(f.documentation()).as(f.path()).isNotBlank());
    }

    @Test
    void theDefaultDepthLimitLeavesRoomForTheDeepestPath() {
        int deepest = java.util.Arrays.stream(MessageType.values())
                .flatMap(t -> FieldCatalog.paths(t).stream())
                .mapToInt(p -> p.split("/").length)
                .max().orElseThrow();
        assertThat(deepest).isEqualTo(6);
        assertThat(CodecLimits.DEFAULT_MAX_DEPTH).isGreaterThan(deepest);
    }

    @Test
    void victimRelatedRemarksHaveOneClearlyNamedElementPerCaseMessage() {
        assertThat(java.util.Arrays.stream(MessageType.values())
                .flatMap(t -> FieldCatalog.paths(t).stream())
                .filter(p -> p.endsWith("/VictimRelatedRemarks")))
                .containsExactlyInAnyOrder("ReleaseNotice/VictimRelatedRemarks",
                        "ProbationCaseUpdate/VictimRelatedRemarks", "InformationResponse/VictimRelatedRemarks");
    }

    @Test
    void fieldsReferenceListsEveryPath() throws IOException {
        String reference = Files.readString(Path.of("FIELDS.md"), StandardCharsets.UTF_8);
        for (MessageType type : MessageType.values()) {
            for (FieldDefinition field : FieldCatalog.fields(type)) {
                String documented = field.inBody() || field.parentPath() == null
                        ? field.path()
                        : field.path().substring(type.rootElement().length() + 1);
                assertThat(reference).as("FIELDS.md documents " + field.path()).contains("`" + documented + "`");
            }
        }
    }
}
