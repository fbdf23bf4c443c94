package org.tsunagi.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalGovernmentCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"230006", "231002", "232017", "252018", "250007", "310000", "312011", "131016"})
    void realCodesAreValid(String code) {
        assertThat(LocalGovernmentCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"231003", "230007", "310001", "23100", "2310020", "23100a", "２３１００２", ""})
    void wrongCheckDigitsAndShapesAreInvalid(String code) {
        assertThat(LocalGovernmentCode.isValid(code)).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThat(LocalGovernmentCode.isValid(null)).isFalse();
    }

    @Test
    void checkDigitFollowsJisX0402() {
        assertThat(LocalGovernmentCode.checkDigit("23100")).isEqualTo(2);
        assertThat(LocalGovernmentCode.checkDigit("31000")).isEqualTo(0); // 11 - 1 = 10 -> 0
        assertThatThrownBy(() -> LocalGovernmentCode.checkDigit("2310")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefectureOfAMunicipality() {
        assertThat(LocalGovernmentCode.prefectureOf("231002")).isEqualTo("230006");
        assertThat(LocalGovernmentCode.prefectureOf("252018")).isEqualTo("250007");
        assertThat(LocalGovernmentCode.prefectureOf("312011")).isEqualTo("310000");
        assertThat(LocalGovernmentCode.prefectureOf("230006")).isEqualTo("230006");
        assertThat(LocalGovernmentCode.isPrefecture("230006")).isTrue();
        assertThat(LocalGovernmentCode.isPrefecture("231002")).isFalse();
        assertThatThrownBy(() -> LocalGovernmentCode.prefectureOf("231003")).isInstanceOf(IllegalArgumentException.class);
    }
}
