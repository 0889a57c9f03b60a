package io.tongbao.payment;

import io.tongbao.shared.id.Ids;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The record of everything money-related that did not go as expected; the operator works through it. */
@Component
class PaymentExceptions {

    private static final Logger log = LoggerFactory.getLogger(PaymentExceptions.class);

    private final JdbcClient jdbc;

    PaymentExceptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String record(String merchantId, String appId, String paymentId, String attemptId, String kind, String detail,
                  String resolution, Instant at) {
        String id = Ids.next("pex");
        jdbc.sql("""
                        insert into payment_exception (id, merchant_id, app_id, payment_id, attempt_id, kind, detail,
                            resolution, created_at)
                        values (:id, :merchant, :app, :payment, :attempt, :kind, :detail, :resolution, :at)""")
                .param("id", id).param("merchant", merchantId).param("app", appId).param("payment", paymentId)
                .param("attempt", attemptId).param("kind", kind).param("detail", detail)
                .param("resolution", resolution).param("at", PaymentStore.at(at)).update();
        log.warn("payment exception {} {}: payment {} attempt {}: {}", id, kind, paymentId, attemptId, detail);
        return id;
    }

    /** A rejected notification is recorded even though the surrounding work is not done. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    String recordRejection(String appId, String attemptId, String kind, String detail, Instant at) {
        return record(null, appId, null, attemptId, kind, detail, "REJECTED", at);
    }
}
