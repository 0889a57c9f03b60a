package io.tongbao.console;

import io.tongbao.platform.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: who is logged in, the navigation, the sandbox band, the page's path. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final boolean sandboxMounted;

    ConsoleModel(@Value("${tongbao.sandbox.enabled:false}") boolean sandboxMounted) {
        this.sandboxMounted = sandboxMounted;
    }

    @ModelAttribute("me")
    @Nullable
    SignedInUser me(@AuthenticationPrincipal @Nullable SignedInUser user) {
        return user;
    }

    @ModelAttribute("navigation")
    List<Navigation.Group> navigation(@AuthenticationPrincipal @Nullable SignedInUser user) {
        return user == null ? List.of() : Navigation.visibleTo(user);
    }

    @ModelAttribute("sandbox")
    boolean sandbox() {
        return sandboxMounted;
    }

    @ModelAttribute("zone")
    String zone(@AuthenticationPrincipal @Nullable SignedInUser user) {
        return user == null ? "Asia/Shanghai" : user.zone();
    }

    /** The navigation entry of this page: the one whose path is the page's, or the longest that contains it. */
    @ModelAttribute("activeNav")
    @Nullable
    String activeNav(@AuthenticationPrincipal @Nullable SignedInUser user, HttpServletRequest request) {
        return user == null ? null : Navigation.activeFor(user, path(request));
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
