package io.tongbao.shared.web;

import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.MerchantId;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The merchant app that signed the current API request. Every merchant-facing query is scoped by
 * {@link #merchantId()}; controllers take it as a method parameter.
 */
public record MerchantCaller(String merchantId, String appId) {

    static final String ATTRIBUTE = MerchantCaller.class.getName();

    public MerchantId merchant() {
        return MerchantId.of(merchantId);
    }

    public AppId app() {
        return AppId.of(appId);
    }

    /** Called once the signature verified; nothing else may set it. */
    public void bindTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The verified caller of a request, or null when it is not a signed merchant API call. */
    public static @Nullable MerchantCaller find(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof MerchantCaller caller ? caller : null;
    }

    public static MerchantCaller from(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no authenticated merchant on " + request.getRequestURI());
        }
        return (MerchantCaller) caller;
    }
}
