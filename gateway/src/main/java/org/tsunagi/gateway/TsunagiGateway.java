package org.tsunagi.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Tsunagi gateway: ingests sealed messages, redacts them per purpose, re-seals and delivers them, and records every disclosure. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TsunagiGateway {

    public static void main(String[] args) {
        SpringApplication.run(TsunagiGateway.class, args);
    }
}
