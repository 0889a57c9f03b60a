package io.tongbao.ledger;

import java.util.random.RandomGenerator;

/**
 * The immutable part of an account (who, which point type, whether it may go negative, how many balance rows);
 * cached. Balance, frozen amount and closed flag live in ledger_balance and are only read under its row lock.
 */
record Account(
        long id,
        String publicId,
        String merchantId,
        long pointTypeId,
        String pointType,
        OwnerKind ownerKind,
        String ownerId,
        boolean mayGoNegative,
        int shards) {

    /** Which balance row takes this posting: a sharded account spreads its postings to spread its row locks. */
    int pickShard(RandomGenerator random) {
        return shards == 1 ? 0 : random.nextInt(shards);
    }
}
