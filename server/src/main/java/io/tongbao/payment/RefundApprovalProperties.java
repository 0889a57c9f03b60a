package io.tongbao.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code refundApprovalThreshold}: in fen, the amount from which an operator's refund waits for a second operator's
 * approval ({@link OperatorRefunds}); ¥1,000.00 unless configured.
 */
@ConfigurationProperties("tongbao.payments")
record RefundApprovalProperties(@DefaultValue("100000") long refundApprovalThreshold) {

    RefundApprovalProperties {
        if (refundApprovalThreshold < 1) {
            throw new IllegalArgumentException("tongbao.payments.refund-approval-threshold must be positive (fen)");
        }
    }
}
