package io.tongbao.sdk;

/** Signs outgoing requests and checks Tongbao's responses with the app's chosen scheme. */
interface Signer {

    String sign(String canonical);

    boolean verifyResponse(String canonical, String signature);
}
