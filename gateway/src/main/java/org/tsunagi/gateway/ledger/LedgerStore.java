package org.tsunagi.gateway.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tsunagi.routes.ledger.MerkleFrontier.StoredNode;
import org.tsunagi.routes.ledger.SubtreeHashes;
import org.tsunagi.routes.ledger.TreeNode;

/** The ledger's SQL, INSERT and SELECT only (same statements on H2 and PostgreSQL). */
final class LedgerStore implements SubtreeHashes {

    private final JdbcTemplate jdbc;

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

    record Row(long index, byte[] leafHash, String json, LedgerEntry entry) {
    }

    void insertEntries(List<Row> rows) {
        jdbc.batchUpdate("INSERT INTO ledger_entry (idx, leaf_hash, entry_json, event, recorded_at, message_id, sender,"
                + " recipient, purpose, subject_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, rows.size(), (ps, row) -> {
            LedgerEntry e = row.entry();
            ps.setLong(1, row.index());
            ps.setBytes(2, row.leafHash());
            ps.setString(3, row.json());
            ps.setString(4, e.event().name());
            ps.setTimestamp(5, Timestamp.from(e.time()));
            ps.setString(6, e.messageId());
            ps.setString(7, e.sender());
            ps.setString(8, e.recipient());
            ps.setString(9, e.purpose());
            ps.setString(10, e.subject() == null ? null : e.subject().hex());
        });
    }

    void insertNodes(List<StoredNode> nodes) {
        jdbc.batchUpdate("INSERT INTO ledger_node (lvl, idx, hash) VALUES (?, ?, ?)", nodes, nodes.size(), (ps, n) -> {
            ps.setInt(1, n.node().level());
            ps.setLong(2, n.node().index());
            ps.setBytes(3, n.hash());
        });
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
        return jdbc.query("SELECT idx, leaf_hash, entry_json FROM ledger_entry WHERE idx >= ? AND idx < ? ORDER BY idx",
                (rs, n) -> new StoredEntry(rs.getLong(1), rs.getBytes(2), rs.getString(3)), start, end);
    }

    List<StoredEntry> search(EntryFilter filter, long afterIndex, int limit) {
        StringBuilder sql = new StringBuilder("SELECT idx, leaf_hash, entry_json FROM ledger_entry WHERE idx > ?");
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
        return jdbc.query(sql.toString(), (rs, n) -> new StoredEntry(rs.getLong(1), rs.getBytes(2), rs.getString(3)),
                args.toArray());
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
}
