package io.tongbao.platform;

/**
 * What a user may do, named once and granted to roles in {@link Permissions}. A merchant user's view actions
 * reach its own merchant's data only: the scope is applied in every query, not here.
 */
public enum Action {
    /** The user's own profile: password, second factor, zone, language. */
    SELF,
    OVERVIEW_VIEW,
    MERCHANT_VIEW,
    /** Create merchants, suspend and activate them. */
    MERCHANT_MANAGE,
    APP_VIEW,
    /** Create apps, suspend and activate them, notify URL, webhook settings and event types. */
    APP_MANAGE,
    /** Rotate an app's HMAC secret, set its RSA public key, download the platform key. */
    APP_KEYS,
    CHANNEL_ACCOUNT_VIEW,
    /** Upload an app's Alipay and WeChat Pay keys (merchants only where the operator allows self-service). */
    CHANNEL_ACCOUNT_MANAGE,
    FEE_RATE_VIEW,
    FEE_RATE_MANAGE,
    PAYMENT_VIEW,
    /** Create a test payment and pay it in the sandbox. */
    PAY_TEST,
    REFUND_VIEW,
    REFUND_CREATE,
    /** Approve an operator refund above the approval threshold (a different operator than the requester). */
    REFUND_APPROVE,
    EXCEPTION_VIEW,
    EXCEPTION_RESOLVE,
    WEBHOOK_VIEW,
    WEBHOOK_RESEND,
    /** Event types and retry schedule of an app's webhooks. */
    WEBHOOK_MANAGE,
    CALL_LOG_VIEW,
    LEDGER_VIEW,
    /** Run the ledger auditor (reads only). */
    LEDGER_AUDIT,
    USER_VIEW,
    USER_MANAGE,
    AUDIT_VIEW,
    /** Re-seal stored secrets after a master-key rotation. */
    PLATFORM_MAINTENANCE
}
