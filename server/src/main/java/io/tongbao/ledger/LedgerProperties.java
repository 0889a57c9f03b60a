package io.tongbao.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code issuerShards}: rows a central bank's balance is spread over, so that concurrent issuances rarely wait on
 * the same row lock (fixed when a point type is created). {@code holdExpiryInterval}: how often a node looks for
 * holds past their timeout; {@code holdExpiryBatch}: how many it expires per transaction.
 */
@ConfigurationProperties("tongbao.ledger")
record LedgerProperties(
        @DefaultValue("64") int issuerShards,
        @DefaultValue("PT1S") Duration holdExpiryInterval,
        @DefaultValue("200") int holdExpiryBatch) {

    LedgerProperties {
        if (issuerShards < 1 || issuerShards > 256) {
            throw new IllegalArgumentException("tongbao.ledger.issuer-shards must be between 1 and 256");
        }
    }
}
