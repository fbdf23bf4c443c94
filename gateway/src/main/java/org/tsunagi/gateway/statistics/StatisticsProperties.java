package org.tsunagi.gateway.statistics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Statistics disclosure control settings ({@code tsunagi.statistics.*}).
 *
 * @param protectionPercent p: a suppressed sensitive cell of value v must stay uncertain, to everything a linear
 *                          programme over what the recipient holds can derive, by max(1, p % of v) below and above
 *                          (default 10)
 * @param groups            optional recipient groups (e.g. all municipalities of one prefecture) checked together
 *                          against collusion: a copy for a member is suppressed and audited against what every member
 *                          of its groups holds. Group name to participant ids.
 */
@Validated
@ConfigurationProperties("tsunagi.statistics")
public record StatisticsProperties(@DefaultValue("10") @Min(0) @Max(100) int protectionPercent,
                                   Map<String, List<@NotBlank String>> groups) {

    public StatisticsProperties {
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }
}
