package io.tongbao.ledger;

import io.tongbao.shared.time.JdbcTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires holds past their timeout. Every node runs it; the database keeps it from happening twice: the journal
 * locks each hold row, asks {@link LedgerRules} whether it may expire, and moves it with a guarded update, and the
 * EXPIRE row's client id is derived from the hold's, so a second node's attempt is answered as already done. The journal writes each expiry's
 * {@code hold.expired} event in the same transaction.
 */
@Component
class HoldExpiry {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

    // the holds an expiry may end, from the rules' table; "expires_at <= now" is LedgerRules.isDue
    private static final LedgerRules.HoldTransition EXPIRY = LedgerRules.holdTransition(TransferKind.EXPIRE);

    private final JdbcClient jdbc;
    private final Journal journal;
    private final EntryFactory entries;
    private final Clock clock;
    private final LedgerProperties properties;

    HoldExpiry(JdbcClient jdbc, Journal journal, EntryFactory entries, Clock clock, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.entries = entries;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${tongbao.ledger.hold-expiry-interval:PT1S}", initialDelayString = "PT2S")
    void run() {
        try {
            int expired;
            do {
                expired = expireDue();
            } while (expired == properties.holdExpiryBatch());
        } catch (RuntimeException e) {
            log.warn("hold expiry failed; the next run retries", e);
        }
    }

    /** Expires up to one batch of due holds; returns how many this call expired. */
    int expireDue() {
        List<StoredTransfer> due = jdbc.sql(StoredTransfer.SELECT + """
                         join ledger_hold h on h.transfer_id = t.id
                        where h.status = any(:from) and h.expires_at <= :now
                        order by h.expires_at limit :limit""")
                .param("from", EXPIRY.fromNames())
                .param("now", JdbcTime.at(clock.instant()))
                .param("limit", properties.holdExpiryBatch())
                .query(StoredTransfer::row)
                .list();
        Map<String, List<Entry>> byMerchant = new LinkedHashMap<>();
        for (StoredTransfer hold : due) {
            byMerchant
                    .computeIfAbsent(hold.merchantId(), m -> new ArrayList<>())
                    .add(entries.resolve(hold, TransferKind.EXPIRE, "~expire:" + hold.clientId(), null));
        }
        int expired = 0;
        for (Map.Entry<String, List<Entry>> merchant : byMerchant.entrySet()) {
            for (Outcome outcome : journal.apply(merchant.getKey(), null, merchant.getValue(), false)) {
                if (outcome instanceof Outcome.Applied) {
                    expired++;
                }
            }
        }
        return expired;
    }
}
