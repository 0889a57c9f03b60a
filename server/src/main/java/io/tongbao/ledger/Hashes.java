package io.tongbao.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The two hashes of the tamper evidence. A transfer's digest covers its whole content; each posting's hash chains
 * the previous hash of the same account shard with the transfer's digest, the amount, the balance after and the
 * sequence number. The SQL in {@link FastTransfers} and {@link LedgerAuditor} computes the chain step with the
 * same bytes: {@code sha256(prev || digest || int8send(amount) || int8send(balance_after) || int8send(seq))}.
 */
final class Hashes {

    private Hashes() {}

    static byte[] genesis(long accountId, int shard) {
        return sha256().digest(("tongbao:" + accountId + ":" + shard).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] chain(byte[] previous, byte[] transferDigest, long amount, long balanceAfter, long seq) {
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(transferDigest);
        sha.update(ByteBuffer.allocate(24)
                .putLong(amount)
                .putLong(balanceAfter)
                .putLong(seq)
                .array());
        return sha.digest();
    }

    /** Length-prefixed fields, so that no two different rows encode to the same bytes. */
    static byte[] transferDigest(
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
            Instant createdAt) {
        MessageDigest sha = sha256();
        text(sha, merchantId);
        text(sha, clientId);
        text(sha, kind.name());
        sha.update(ByteBuffer.allocate(36)
                .putLong(pointTypeId)
                .putLong(from)
                .putLong(to)
                .putLong(amount)
                .putInt(reason)
                .array());
        text(sha, memo);
        text(sha, metadata);
        sha.update(ByteBuffer.allocate(17)
                .put((byte) (relatedId == null ? 0 : 1))
                .putLong(relatedId == null ? 0 : relatedId)
                .putLong(micros(createdAt))
                .array());
        return sha.digest();
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static void text(MessageDigest sha, @Nullable String value) {
        if (value == null) {
            sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
