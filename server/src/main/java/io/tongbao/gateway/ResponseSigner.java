package io.tongbao.gateway;

/** Signs a response's canonical string with the key that matches how the request was verified. */
@FunctionalInterface
interface ResponseSigner {

    String sign(String canonical);
}
