package org.tsunagi.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tsunagi.schemas.MessageType;

class FieldLabelsTest {

    @Test
    void japaneseLabelsComeFromTheDocumentationThenTheGlossary() {
        assertThat(FieldLabels.japanese("Address", "住所: the address within the municipality (町名・番地・建物名).")).isEqualTo("住所");
        assertThat(FieldLabels.japanese("DateOfBirth", "生年月日 (full date).")).isEqualTo("生年月日");
        assertThat(FieldLabels.japanese("ReceivingPerson", "身元引受人.")).isEqualTo("身元引受人");
        assertThat(FieldLabels.japanese("ProbationOffice", "The probation office in charge (保護観察所).")).isEqualTo("保護観察所");
        assertThat(FieldLabels.japanese("MessageId", "The message's unique id (UUID).")).isEqualTo("メッセージID");
        assertThat(FieldLabels.japanese("Frobnicator", "Something in English only.")).isEqualTo("Frobnicator");
        assertThat(FieldLabels.english("PlannedPlaceOfReturn")).isEqualTo("Planned place of return");
    }

    @Test
    void codesAreLabelledFromTheirEnumerationDocumentation() {
        assertThat(FieldLabels.codeLabel("PAROLE", "仮釈放: parole, followed by probation supervision."))
                .isEqualTo(new FieldLabels.ValueLabel("仮釈放", "Parole, followed by probation supervision"));
        assertThat(FieldLabels.codeLabel("MALE", "男性")).isEqualTo(new FieldLabels.ValueLabel("男性", "Male"));
        assertThat(FieldLabels.codeLabel("NOT_RECORDED", "")).isEqualTo(new FieldLabels.ValueLabel("Not recorded", "Not recorded"));
    }

    @Test
    void everyFieldOfEveryMessageTypeHasBothLabels() {
        Map<String, List<FieldLabels.Label>> all = FieldLabels.all();
        assertThat(all.keySet()).hasSize(MessageType.values().length);
        all.values().stream().flatMap(List::stream).forEach(label -> {
            assertThat(label.ja()).as(label.path()).isNotBlank();
            assertThat(label.en()).as(label.path()).isNotBlank();
        });
        FieldLabels.Label sex = all.get("ReleaseNotice").stream()
                .filter(l -> l.path().equals("ReleaseNotice/Person/Sex")).findFirst().orElseThrow();
        assertThat(sex.ja()).isEqualTo("性別");
        assertThat(sex.values()).containsEntry("FEMALE", new FieldLabels.ValueLabel("女性", "Female"));
        assertThat(all.get("ReleaseNotice").get(0).ja()).isEqualTo("釈放予定通知");
    }
}
