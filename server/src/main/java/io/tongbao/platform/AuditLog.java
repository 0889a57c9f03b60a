package io.tongbao.platform;

import io.tongbao.shared.time.JdbcTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads the audit log, newest first with filters, and verifies its hash chain. */
@Service
public class AuditLog {

    private static final int VERIFY_BATCH = 1_000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AuditLog(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public AuditPage list(AuditQuery query) {
        int limit = Math.clamp(query.limit(), 1, AuditQuery.MAX_LIMIT);
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        condition(conditions, params, "actor = :actor", "actor", query.actor());
        condition(conditions, params, "action = :action", "action", query.action());
        condition(conditions, params, "target_type = :type", "type", query.targetType());
        condition(conditions, params, "target_id = :target", "target", query.targetId());
        condition(conditions, params, "merchant_id = :merchant", "merchant", query.merchantId());
        condition(conditions, params, "occurred_at >= :from", "from", JdbcTime.at(query.from()));
        condition(conditions, params, "occurred_at < :to", "to", JdbcTime.at(query.to()));
        condition(conditions, params, "seq < :before", "before", query.beforeSeq());
        params.put("limit", limit + 1);
        List<AuditEntry> entries = jdbc.sql(
                        """
                        select seq, occurred_at, actor, actor_role, source, merchant_id, action, target_type, target_id,
                               summary, before::text, after::text
                        from audit_entry %s order by seq desc limit :limit""".formatted(conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions)))
                .params(params)
                .query((rs, row) -> entry(rs))
                .list();
        if (entries.size() <= limit) {
            return new AuditPage(entries, null);
        }
        List<AuditEntry> page = entries.subList(0, limit);
        return new AuditPage(List.copyOf(page), page.getLast().seq());
    }

    /**
     * Walks the chain from its first entry: each seq follows the one before, each prev_hash is the hash before, each
     * hash is the hash of its content, and the chain head is the last entry. Reports the first link that fails.
     */
    public ChainVerification verify() {
        Head head = jdbc.sql("select seq, head from audit_chain where id = 1")
                .query((rs, row) -> new Head(rs.getLong(1), rs.getBytes(2)))
                .single();
        long previousSeq = 0;
        byte[] previousHash = genesis();
        while (previousSeq < head.seq()) {
            List<Link> links = jdbc.sql("""
                            select seq, prev_hash, hash,
                                   audit_entry_hash(prev_hash, seq, occurred_at, actor, actor_role, source, merchant_id,
                                                    action, target_type, target_id, summary, before, after)
                            from audit_entry where seq > :after and seq <= :head order by seq limit :limit""")
                    .param("after", previousSeq)
                    .param("head", head.seq())
                    .param("limit", VERIFY_BATCH)
                    .query((rs, row) -> new Link(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)))
                    .list();
            if (links.isEmpty()) {
                break;
            }
            for (Link link : links) {
                if (link.seq() != previousSeq + 1) {
                    return ChainVerification.broken(
                            previousSeq,
                            previousSeq + 1,
                            "entry missing: seq " + link.seq() + " follows " + previousSeq);
                }
                if (!Arrays.equals(link.prevHash(), previousHash)) {
                    return ChainVerification.broken(
                            previousSeq, link.seq(), "prev_hash is not the hash of the entry before");
                }
                if (!Arrays.equals(link.hash(), link.expected())) {
                    return ChainVerification.broken(
                            previousSeq, link.seq(), "content changed: the hash no longer matches the entry");
                }
                previousSeq = link.seq();
                previousHash = link.hash();
            }
        }
        if (previousSeq != head.seq()) {
            return ChainVerification.broken(
                    previousSeq, previousSeq + 1, "entries removed: the chain head is at seq " + head.seq());
        }
        if (!Arrays.equals(previousHash, head.head())) {
            return ChainVerification.broken(previousSeq, previousSeq, "the chain head is not the last entry's hash");
        }
        return ChainVerification.intact(previousSeq);
    }

    private record Head(long seq, byte[] head) {}

    private record Link(long seq, byte[] prevHash, byte[] hash, byte[] expected) {}

    /** The prev_hash of the first entry, as the migration seeds the chain head. */
    private static byte[] genesis() {
        try {
            return MessageDigest.getInstance("SHA-256").digest("tongbao:audit".getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("seq"),
                JdbcTime.requiredInstant(rs, "occurred_at"),
                rs.getString("actor"),
                rs.getString("actor_role"),
                rs.getString("source"),
                rs.getString("merchant_id"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("summary"),
                tree(rs.getString("before")),
                tree(rs.getString("after")));
    }

    private @Nullable JsonNode tree(@Nullable String text) {
        return text == null ? null : json.readTree(text);
    }

    private static void condition(
            List<String> conditions, Map<String, Object> params, String sql, String name, @Nullable Object value) {
        if (value != null) {
            conditions.add(sql);
            params.put(name, value);
        }
    }
}
