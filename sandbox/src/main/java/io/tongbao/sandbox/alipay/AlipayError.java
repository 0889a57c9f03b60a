package io.tongbao.sandbox.alipay;

/**
 * An error reply as Alipay gives it: HTTP 200 with code/msg/sub_code/sub_msg in the response object. Thrown from
 * deep inside a method so that every validation reads as one line; the gateway turns it into the reply.
 */
final class AlipayError extends RuntimeException {

    private final String code;
    private final String msg;
    private final String subCode;

    private AlipayError(String code, String msg, String subCode, String subMsg) {
        super(subMsg);
        this.code = code;
        this.msg = msg;
        this.subCode = subCode;
    }

    /** 40004: the request was understood and refused by a business rule (ACQ.*). */
    static AlipayError business(String subCode, String subMsg) {
        return new AlipayError("40004", "Business Failed", subCode, subMsg);
    }

    /** 40002: a parameter is malformed, or the signature does not hold (isv.*). */
    static AlipayError invalid(String subCode, String subMsg) {
        return new AlipayError("40002", "Invalid Arguments", subCode, subMsg);
    }

    static AlipayError missing(String parameter) {
        return new AlipayError(
                "40001",
                "Missing Required Arguments",
                "isv.missing-" + parameter.replace('_', '-'),
                "缺少必选参数 " + parameter);
    }

    /** 20000: Alipay's side is not well; the client should retry or query. */
    static AlipayError systemError() {
        return new AlipayError("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙");
    }

    String code() {
        return code;
    }

    String msg() {
        return msg;
    }

    String subCode() {
        return subCode;
    }

    String subMsg() {
        return getMessage();
    }
}
