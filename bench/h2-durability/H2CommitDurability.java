import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * How much an fsync per commit costs the embedded H2 store: N single-row transactions (about the size of one
 * pipeline commit's ledger entry) committed plainly (the gateway's setting, WRITE_DELAY=0), then each followed by
 * CHECKPOINT SYNC (H2's only way to force its file to the disk). Run by h2-durability.sh under strace -c, which
 * counts the fsync calls. Usage: java -cp h2.jar H2CommitDurability.java DIR N [sync]
 */
public class H2CommitDurability {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean sync = args.length > 2 && args[2].equals("sync");
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/bench;MODE=PostgreSQL;WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS entry (id BIGINT PRIMARY KEY, body VARCHAR(2000))");
            }
            c.setAutoCommit(false);
            String body = "x".repeat(1500);
            long base = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO entry VALUES (?, ?)");
                 Statement checkpoint = c.createStatement()) {
                for (int i = 0; i < n; i++) {
                    insert.setLong(1, base + i);
                    insert.setString(2, body);
                    insert.executeUpdate();
                    c.commit();
                    if (sync) {
                        checkpoint.execute("CHECKPOINT SYNC");
                    }
                }
            }
            double ms = (System.nanoTime() - base) / 1e6;
            System.out.printf("%s: %d commits in %.0f ms, %.2f ms per commit%n", sync ? "CHECKPOINT SYNC" : "plain",
                    n, ms, ms / n);
        }
    }
}
