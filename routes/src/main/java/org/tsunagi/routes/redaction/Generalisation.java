package org.tsunagi.routes.redaction;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;

/** The generalising transforms' arithmetic: pure functions. */
final class Generalisation {

    /** Offence code law prefixes (the part before the first hyphen) whose every article falls in one category. */
    private static final Map<String, String> LAW_CATEGORY = Map.of(
            "STIMULANTS", "STIMULANTS",
            "CANNABIS", "OTHER_DRUGS",
            "NARCOTICS", "OTHER_DRUGS",
            "OPIUM", "OTHER_DRUGS",
            "ROADTRAFFIC", "TRAFFIC",
            "TRAFFIC", "TRAFFIC",
            "DRIVING", "TRAFFIC");

    private Generalisation() {
    }

    /**
     * The age band at {@code on}: 0-19, 20-29, ... 50-59, 60-64, 65+ (65 is where the justice statistics and the
     * welfare category "old age" start).
     */
    static String ageBand(LocalDate dateOfBirth, LocalDate on) {
        int age = Period.between(dateOfBirth, on).getYears();
        if (age < 20) {
            return "0-19";
        }
        if (age >= 65) {
            return "65+";
        }
        if (age >= 60) {
            return "60-64";
        }
        int low = age / 10 * 10;
        return low + "-" + (low + 9);
    }

    static String birthYear(LocalDate dateOfBirth) {
        return String.format("%04d", dateOfBirth.getYear());
    }

    /** The year and month of a planned release date, e.g. {@code 2027-03}: the schema's PlannedReleaseMonth. */
    static String releaseMonth(LocalDate releaseDate) {
        return String.format("%04d-%02d", releaseDate.getYear(), releaseDate.getMonthValue());
    }

    /**
     * The category of an offence code such as {@code PENAL-235} (Penal Code art. 235, theft) or
     * {@code STIMULANTS-41-3}; {@code OTHER} when the code is not one of the mapped articles.
     */
    static String offenceCategory(String offenceCode) {
        String[] parts = offenceCode.split("-");
        String law = parts[0];
        if (!law.equals("PENAL")) {
            return LAW_CATEGORY.getOrDefault(law, "OTHER");
        }
        int article;
        try {
            article = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return "OTHER";
        }
        if (article == 235) {
            return "THEFT";
        }
        if (article >= 236 && article <= 241) {
            return "ROBBERY";
        }
        if (article == 246 || article == 248) {
            return "FRAUD";
        }
        if (article >= 252 && article <= 254) {
            return "EMBEZZLEMENT";
        }
        if (article == 204 || article == 205 || article == 208) {
            return "INJURY_ASSAULT";
        }
        if (article == 199 || article == 201 || article == 203) {
            return "HOMICIDE";
        }
        if (article >= 108 && article <= 111) {
            return "ARSON";
        }
        if (article >= 176 && article <= 182) {
            return "SEXUAL";
        }
        return "OTHER";
    }
}
