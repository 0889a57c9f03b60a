package io.tongbao.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A journal row as stored. {@code relatedClientId} is the client id of the row {@code relatedId} points at. */
record StoredTransfer(
        long id,
        String merchantId,
        String clientId,
        TransferKind kind,
        long pointTypeId,
        long from,
        long to,
        long amount,
        int reason,
        @Nullable String memo,
        @Nullable String metadata,
        @Nullable Long relatedId,
        @Nullable String relatedClientId,
        Instant createdAt,
        byte[] digest) {

    static final String SELECT = """
            select t.id, t.merchant_id, t.client_id, t.kind, t.point_type_id, t.from_account, t.to_account, t.amount,
                   t.reason, t.memo, t.metadata, t.related_id, r.client_id as related_client_id, t.created_at, t.digest
            from ledger_transfer t left join ledger_transfer r on r.id = t.related_id""";

    static StoredTransfer row(ResultSet row, int n) throws SQLException {
        long relatedValue = row.getLong("related_id");
        Long related = row.wasNull() ? null : relatedValue;
        return new StoredTransfer(
                row.getLong("id"),
                row.getString("merchant_id"),
                row.getString("client_id"),
                TransferKind.valueOf(row.getString("kind")),
                row.getLong("point_type_id"),
                row.getLong("from_account"),
                row.getLong("to_account"),
                row.getLong("amount"),
                row.getInt("reason"),
                row.getString("memo"),
                row.getString("metadata"),
                related,
                row.getString("related_client_id"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getBytes("digest"));
    }

    /** Whether a retried request asks for exactly this row (the idempotency rule of client transfer ids). */
    boolean sameRequestAs(Entry entry) {
        return kind == entry.kind()
                && pointTypeId == entry.pointTypeId()
                && from == entry.from().id()
                && to == entry.to().id()
                && amount == entry.amount()
                && reason == entry.reason()
                && Objects.equals(memo, entry.memo())
                && Objects.equals(metadata, entry.metadata())
                && Objects.equals(relatedId, entry.relatedId());
    }

    /** The digest this row's content should have; differs from {@link #digest()} when the row was edited. */
    byte[] expectedDigest() {
        return Hashes.transferDigest(
                merchantId,
                clientId,
                kind,
                pointTypeId,
                from,
                to,
                amount,
                reason,
                memo,
                metadata,
                relatedId,
                createdAt);
    }

    boolean digestMatches() {
        return Arrays.equals(digest, expectedDigest());
    }
}
