package org.tsunagi.schemas;

/**
 * The 6-digit nationwide local government code (全国地方公共団体コード): JIS X 0401 prefecture code, JIS X 0402
 * municipality code, and a check digit.
 */
public final class LocalGovernmentCode {

    private static final int[] WEIGHTS = {6, 5, 4, 3, 2};

    private LocalGovernmentCode() {
    }

    /** True when {@code code} is six ASCII digits whose last digit is the check digit of the first five. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return checkDigit(code.substring(0, 5)) == code.charAt(5) - '0';
    }

    /** The check digit of a 5-digit code: (11 - (d1*6 + d2*5 + d3*4 + d4*3 + d5*2) mod 11) mod 10. */
    public static int checkDigit(String firstFiveDigits) {
        if (firstFiveDigits.length() != 5 || !firstFiveDigits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("need exactly five digits");
        }
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (firstFiveDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        return (11 - sum % 11) % 10;
    }

    /** True when the code designates a prefecture (its municipality part is 000), e.g. 230006. */
    public static boolean isPrefecture(String code) {
        return isValid(code) && code.startsWith("000", 2);
    }

    /** The code of the prefecture a valid code belongs to: 231002 (Nagoya City) gives 230006 (Aichi). */
    public static String prefectureOf(String code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("not a valid local government code");
        }
        String five = code.substring(0, 2) + "000";
        return five + checkDigit(five);
    }
}
