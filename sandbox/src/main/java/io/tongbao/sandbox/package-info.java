/**
 * An offline Alipay and WeChat Pay sandbox, byte-compatible with the official SDKs (see docs/sandbox.md).
 * <p>
 * The public API is this package: {@link io.tongbao.sandbox.SandboxAutoConfiguration} (enabled by
 * {@code tongbao.sandbox.enabled=true}), {@link io.tongbao.sandbox.SandboxProperties},
 * {@link io.tongbao.sandbox.SandboxClock} for tests that move time, {@link io.tongbao.sandbox.AlipaySandbox} and
 * {@link io.tongbao.sandbox.WechatPaySandbox} for a host that registers its own demo merchant, and
 * {@link io.tongbao.sandbox.SandboxApplication} to run it alone. Everything else lives in sub-packages and is
 * reached over HTTP under {@code /sandbox}.
 */
package io.tongbao.sandbox;
