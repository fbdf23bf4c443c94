package org.tsunagi.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.nio.file.Path;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code dataDisk} and gauges {@code tsunagi_data_disk_free_bytes} / {@code _total_bytes}: the
 * space left where the gateway keeps its files, without naming the path (Boot's own disk metrics and health show
 * the install's absolute path). DOWN below {@code minFree}: drops could no longer be taken in.
 */
final class DataDisk extends AbstractHealthIndicator {

    private final File dataDir;
    private final long minFree;

    DataDisk(Path dataDir, long minFree, MeterRegistry meters) {
        super("data disk check failed");
        this.dataDir = dataDir.toFile();
        this.minFree = minFree;
        Gauge.builder("tsunagi.data.disk.free", this.dataDir, File::getUsableSpace).baseUnit("bytes")
                .description("usable space on the data directory's file system").register(meters);
        Gauge.builder("tsunagi.data.disk.total", this.dataDir, File::getTotalSpace).baseUnit("bytes")
                .description("size of the data directory's file system").register(meters);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long free = dataDir.getUsableSpace();
        (free >= minFree ? builder.up() : builder.down()).withDetail("free", free)
                .withDetail("total", dataDir.getTotalSpace()).withDetail("threshold", minFree);
    }
}
