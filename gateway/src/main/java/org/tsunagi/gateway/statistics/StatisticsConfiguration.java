package org.tsunagi.gateway.statistics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tsunagi.routes.redaction.StatisticsMemory;
import org.tsunagi.schemas.codec.MessageCodec;

/** The statistics memory in the database and the pipeline's view of it. */
@Configuration(proxyBeanMethods = false)
class StatisticsConfiguration {

    @Bean
    StatisticsMemory statisticsMemory(JdbcClient jdbc) {
        return new JdbcStatisticsMemory(jdbc);
    }

    @Bean
    StatisticsReleases statisticsReleases(StatisticsMemory memory, StatisticsProperties settings, MessageCodec codec) {
        return new StatisticsReleases(memory, settings, codec);
    }
}
