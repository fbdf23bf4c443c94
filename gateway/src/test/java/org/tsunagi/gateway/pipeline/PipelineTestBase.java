package org.tsunagi.gateway.pipeline;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One running gateway (shared by the pipeline test classes) with its own data directory and database. */
abstract class PipelineTestBase extends PipelineTestSupport {

    private static final String DATA = "./target/pipeline-test-" + UUID.randomUUID();

    @DynamicPropertySource
    static void ownDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("tsunagi.data-dir", () -> DATA);
    }
}
