package io.tongbao.platform;

import org.springframework.stereotype.Component;

/** Logins that succeeded and failed, for the audit log. */
@Component
class LoginEvents {

    void succeeded(String username, String source) {}

    void failed(String username, String source, boolean locked) {}
}
