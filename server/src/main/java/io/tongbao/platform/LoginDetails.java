package io.tongbao.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** A console login's details: the client address, and the second-factor code typed beside the password. */
final class LoginDetails extends WebAuthenticationDetails {

    static final String CODE_PARAMETER = "code";

    private final @Nullable String code;

    LoginDetails(HttpServletRequest request) {
        super(request);
        String typed = request.getParameter(CODE_PARAMETER);
        this.code = typed == null || typed.isBlank() ? null : typed.strip();
    }

    @Nullable
    String code() {
        return code;
    }
}
