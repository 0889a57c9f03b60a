package io.tongbao.sdk;

/** An app as the merchant API shows it: never a secret. */
public record AppInfo(String appId, String merchantId, String name, String status, String signType, String notifyUrl) {}
