package io.tongbao.sandbox.alipay;

import java.math.BigDecimal;

/** Alipay writes money as yuan strings with two decimals; the sandbox keeps fen as long. */
final class Yuan {

    private static final long MAX_FEN = 100_000_000_00L;

    private Yuan() {}

    static long toFen(String field, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw AlipayError.missing(field);
        }
        try {
            BigDecimal yuan = new BigDecimal(value.toString().trim());
            if (yuan.scale() > 2) {
                throw AlipayError.invalid("isv.invalid-parameter", field + " 最多两位小数: " + value);
            }
            long fen = yuan.movePointRight(2).longValueExact();
            if (fen < 1 || fen > MAX_FEN) {
                throw AlipayError.invalid("isv.invalid-parameter", field + " 超出范围 [0.01, 100000000]: " + value);
            }
            return fen;
        } catch (NumberFormatException | ArithmeticException e) {
            throw AlipayError.invalid("isv.invalid-parameter", field + " 不是金额: " + value);
        }
    }

    static String format(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
