package org.tsunagi.gateway.ledger;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tsunagi.routes.ledger.MerkleFrontier.StoredNode;
import org.tsunagi.routes.ledger.SubtreeHashes;
import org.tsunagi.routes.ledger.TreeNode;

/**
 * The ledger's SQL (same statements on H2 and PostgreSQL): INSERT and SELECT only on the sequenced tables; the
 * unsequenced {@code ledger_pending} rows are also deleted once integrated.
 */
final class LedgerStore implements SubtreeHashes {

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    LedgerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the append lock until the surrounding transaction ends: appends from every instance queue here. */
    void lock() {
        jdbc.queryForObject("SELECT id FROM ledger_lock WHERE id = 1 FOR UPDATE", Integer.class);
    }

    long size() {
        Long size = jdbc.queryForObject("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entry", Long.class);
        return size == null ? 0 : size;
    }

    /**
     * An entry to store: its index and search columns (-1 and null while pending: ledger_pending keeps the hashed
     * text only), leaf hash and canonical JSON.
     */
    record Row(long index, byte[] leafHash, String json, SearchColumns columns) {
    }

    /** An entry written but not integrated yet: its pending id (commit order is not id order), leaf and when. */
    record Pending(long id, byte[] leafHash, String json, Instant createdAt) {
    }

    /** The unsequenced write: no lock, durable when the caller's transaction commits. */
    void insertPending(List<Row> rows, Instant at) {
        Timestamp time = Timestamp.from(at);
        jdbc.batchUpdate("INSERT INTO ledger_pending (leaf_hash, entry_json, created_at) VALUES (?, ?, ?)", rows,
                rows.size(), (ps, row) -> {
                    ps.setBytes(1, row.leafHash());
                    ps.setString(2, row.json());
                    ps.setTimestamp(3, time);
                });
    }

    /** The oldest committed pending entries, in id order, at most {@code limit}. */
    List<Pending> pending(int limit) {
        return jdbc.query("SELECT id, leaf_hash, entry_json, created_at FROM ledger_pending ORDER BY id LIMIT ?",
                (rs, n) -> new Pending(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                limit);
    }

    void deletePending(List<Pending> integrated) {
        // By runs of consecutive ids (a batch is mostly one or a few): every id inside such a run is one of the
        // batch's, so each range deletes exactly the batch's rows. Fencing: a row another integrator already moved
        // deletes nothing, and the whole batch rolls back.
        List<long[]> runs = new ArrayList<>();
        for (Pending p : integrated) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && p.id() == last[1] + 1) {
                last[1] = p.id();
            } else {
                runs.add(new long[] {p.id(), p.id()});
            }
        }
        long deleted = inChunks(runs, "DELETE FROM ledger_pending WHERE ", "id BETWEEN ? AND ?", " OR ", "",
                (run, args) -> {
                    args.add(run[0]);
                    args.add(run[1]);
                });
        if (deleted != integrated.size()) {
            throw new IllegalStateException("deleted " + deleted + " of " + integrated.size() + " pending entries");
        }
    }

    /** How many committed entries wait for integration, and since when the oldest. */
    record Backlog(long entries, Optional<Instant> oldest, long newestId) {
    }

    Backlog backlog() {
        return jdbc.query("SELECT COUNT(*), MIN(created_at), COALESCE(MAX(id), 0) FROM ledger_pending", rs -> {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), Optional.ofNullable(oldest).map(Timestamp::toInstant), rs.getLong(3));
        });
    }

    /** True while a committed entry with pending id at most {@code id} is not integrated yet. */
    boolean pendingUpTo(long id) {
        return Boolean.TRUE.equals(jdbc.query("SELECT 1 FROM ledger_pending WHERE id <= ? LIMIT 1", ResultSet::next, id));
    }

    /** Rows per multi-row statement: one statement per ~100 rows costs the database far less than one per row. */
    private static final int ROWS_PER_STATEMENT = 100;

    /** The columns of ledger_entry that the store writes and reads, in this order. */
    private static final String ENTRY_COLUMNS = "idx, leaf_hash, entry_json, event, recorded_at, message_id, copy_id,"
            + " sender, recipient, purpose, subject_ref";

    /**
     * Entries with their search columns (event, time, parties, purpose, subject, copy), written once here from the
     * entry: nothing in the database parses entry_json (V120); {@code ledger verify} compares them with it.
     */
    void insertEntries(List<Row> rows) {
        if (postgres()) {
            StringBuilder copy = new StringBuilder(rows.size() * 900);
            for (Row row : rows) {
                SearchColumns c = row.columns();
                copy.append(row.index()).append('\t');
                CopyText.bytes(copy, row.leafHash()).append('\t');
                CopyText.text(copy, row.json()).append('\t');
                CopyText.text(copy, c.event()).append('\t');
                CopyText.text(copy, c.time() == null ? null : c.time().toString()).append('\t');
                CopyText.text(copy, c.messageId()).append('\t');
                CopyText.text(copy, c.copyId()).append('\t');
                CopyText.text(copy, c.sender()).append('\t');
                CopyText.text(copy, c.recipient()).append('\t');
                CopyText.text(copy, c.purpose()).append('\t');
                CopyText.text(copy, c.subject()).append('\n');
            }
            CopyText.copyIn(jdbc, "COPY ledger_entry (" + ENTRY_COLUMNS + ") FROM STDIN", copy, rows.size());
            return;
        }
        inChunks(rows, "INSERT INTO ledger_entry (" + ENTRY_COLUMNS + ") VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ", ", "", (row, args) -> {
                    SearchColumns c = row.columns();
                    args.add(row.index());
                    args.add(row.leafHash());
                    args.add(row.json());
                    args.add(c.event());
                    args.add(c.time() == null ? null : Timestamp.from(c.time()));
                    args.add(c.messageId());
                    args.add(c.copyId());
                    args.add(c.sender());
                    args.add(c.recipient());
                    args.add(c.purpose());
                    args.add(c.subject());
                });
    }

    private static StoredEntry stored(ResultSet rs) throws java.sql.SQLException {
        Timestamp time = rs.getTimestamp(5);
        return new StoredEntry(rs.getLong(1), rs.getBytes(2), rs.getString(3), new SearchColumns(rs.getString(4),
                time == null ? null : time.toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11)));
    }

    void insertNodes(List<StoredNode> nodes) {
        if (postgres()) {
            StringBuilder copy = new StringBuilder(nodes.size() * 90);
            for (StoredNode n : nodes) {
                copy.append(n.node().level()).append('\t').append(n.node().index()).append('\t');
                CopyText.bytes(copy, n.hash()).append('\n');
            }
            CopyText.copyIn(jdbc, "COPY ledger_node (lvl, idx, hash) FROM STDIN", copy, nodes.size());
            return;
        }
        inChunks(nodes, "INSERT INTO ledger_node (lvl, idx, hash) VALUES ", "(?, ?, ?)", ", ", "", (n, args) -> {
            args.add(n.node().level());
            args.add(n.node().index());
            args.add(n.hash());
        });
    }

    /**
     * PostgreSQL takes the integrator's rows by COPY (one round trip and the cheapest insert path per row); H2 by
     * multi-row INSERTs.
     */
    private boolean postgres() {
        if (postgres == null) {
            postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c ->
                    "PostgreSQL".equals(c.getMetaData().getDatabaseProductName())));
        }
        return postgres;
    }

    /** Multi-row statements of up to {@link #ROWS_PER_STATEMENT} rows (same SQL on H2 and PostgreSQL); rows affected. */
    private <T> long inChunks(List<T> rows, String head, String each, String separator, String tail,
                              BiConsumer<T, List<Object>> bind) {
        long affected = 0;
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(head);
            List<Object> args = new ArrayList<>(chunk.size() * 3);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : separator).append(each);
                bind.accept(chunk.get(i), args);
            }
            affected += jdbc.update(sql.append(tail).toString(), args.toArray());
        }
        return affected;
    }

    @Override
    public Map<TreeNode, byte[]> hashes(Collection<TreeNode> nodes) {
        // One primary-key equality lookup per node, all in a single statement: a proof needs O(log n) nodes.
        // (Neither row-value IN lists nor "lvl = ? AND idx IN (...)" use the whole key on H2: they scan a level.)
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (TreeNode node : nodes) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ")
                    .append("SELECT lvl, idx, hash FROM ledger_node WHERE lvl = ? AND idx = ?");
            args.add(node.level());
            args.add(node.index());
        }
        Map<TreeNode, byte[]> found = new HashMap<>();
        if (!args.isEmpty()) {
            jdbc.query(sql.toString(), rs -> {
                found.put(new TreeNode(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
            }, args.toArray());
        }
        return found;
    }

    List<StoredEntry> range(long start, long end) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM ledger_entry WHERE idx >= ? AND idx < ? ORDER BY idx",
                (rs, n) -> stored(rs), start, end);
    }

    List<StoredEntry> search(EntryFilter filter, long afterIndex, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + ENTRY_COLUMNS + " FROM ledger_entry WHERE idx > ?");
        List<Object> args = new ArrayList<>();
        args.add(afterIndex);
        if (filter.subject() != null) {
            sql.append(" AND subject_ref = ?");
            args.add(filter.subject().hex());
        }
        condition(sql, args, "sender", filter.sender());
        condition(sql, args, "recipient", filter.recipient());
        condition(sql, args, "purpose", filter.purpose());
        if (filter.events() != null) {
            sql.append(" AND event IN (");
            sql.append(String.join(", ", filter.events().stream().map(e -> "?").toList())).append(")");
            filter.events().forEach(e -> args.add(e.name()));
        }
        if (filter.from() != null) {
            sql.append(" AND recorded_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND recorded_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        sql.append(" ORDER BY idx LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> stored(rs), args.toArray());
    }

    private static void condition(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    void insertCheckpoint(long treeSize, byte[] root, String note, Instant at) {
        jdbc.update("INSERT INTO ledger_checkpoint (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, ?)",
                treeSize, root, note, Timestamp.from(at));
    }

    Optional<Long> latestCheckpointSize() {
        return jdbc.query("SELECT MAX(tree_size) FROM ledger_checkpoint", rs -> {
            rs.next();
            long size = rs.getLong(1);
            return rs.wasNull() ? Optional.<Long>empty() : Optional.of(size);
        });
    }

    Optional<String> latestCheckpointNote() {
        return jdbc.query("SELECT note FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty());
    }

    Optional<String> checkpointNote(long treeSize) {
        return jdbc.query("SELECT note FROM ledger_checkpoint WHERE tree_size = ?",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(), treeSize);
    }

    /** The level-0 nodes (leaf hashes as the tree holds them) of leaves [start, end). */
    Map<Long, byte[]> leafNodes(long start, long end) {
        Map<Long, byte[]> leaves = new HashMap<>();
        jdbc.query("SELECT idx, hash FROM ledger_node WHERE lvl = 0 AND idx >= ? AND idx < ?",
                rs -> {
                    leaves.put(rs.getLong(1), rs.getBytes(2));
                }, start, end);
        return leaves;
    }

    /** Entries of copy {@code copyId} addressed to {@code recipient} (DISCLOSED, DELIVERED, ACKNOWLEDGED), in order. */
    List<StoredEntry> copyEntries(String copyId, String recipient, int limit) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM ledger_entry WHERE copy_id = ? AND recipient = ?"
                        + " AND event IN ('DISCLOSED', 'DELIVERED', 'ACKNOWLEDGED') ORDER BY idx LIMIT ?",
                (rs, n) -> stored(rs), copyId, recipient, limit);
    }

    /** The newest checkpoint: size, note and when it was signed. */
    record CheckpointRow(long treeSize, String note, Instant createdAt) {
    }

    Optional<CheckpointRow> latestCheckpointRow() {
        return jdbc.query("SELECT tree_size, note, created_at FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1",
                rs -> rs.next() ? Optional.of(new CheckpointRow(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant())) : Optional.<CheckpointRow>empty());
    }

    void insertTimestamp(long treeSize, String tsaUrl, byte[] response, Instant at) {
        jdbc.update("INSERT INTO ledger_checkpoint_timestamp (tree_size, tsa_url, response, created_at) VALUES (?, ?, ?, ?)",
                treeSize, tsaUrl, response, Timestamp.from(at));
    }

    /** The first stored RFC 3161 response for the checkpoint of {@code treeSize}. */
    Optional<byte[]> timestamp(long treeSize) {
        return jdbc.query("SELECT response FROM ledger_checkpoint_timestamp WHERE tree_size = ? ORDER BY created_at LIMIT 1",
                rs -> rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty(), treeSize);
    }
}
