package io.tongbao.sandbox.alipay;

import java.time.Instant;

/** One refund of a trade; out_request_no makes a retry of it return the same refund. */
record AlipayRefund(String outRequestNo, long amountFen, String reason, Instant refundedAt) {}
