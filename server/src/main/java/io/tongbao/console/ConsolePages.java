package io.tongbao.console;

import io.tongbao.platform.SignedInUser;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The pages around the work: the login, the overview, the page that says a user may not do something. */
@Controller
class ConsolePages {

    @GetMapping("/")
    String root() {
        return "redirect:/console/";
    }

    @GetMapping("/console/login")
    String login(
            @AuthenticationPrincipal @Nullable SignedInUser user,
            @RequestParam(required = false) @Nullable String error,
            Model model) {
        if (user != null) {
            return "redirect:/console/";
        }
        model.addAttribute("error", LoginError.of(error));
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String overview() {
        return "console/overview";
    }

    /** Where Spring Security forwards a refused request, whatever its method. */
    @RequestMapping("/console/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "console/denied";
    }

    /** The message key of a refused login, from the code the security chain put in the URL; nothing else. */
    enum LoginError {
        BAD,
        LOCKED,
        THROTTLED,
        BUSY;

        static @Nullable String of(@Nullable String code) {
            if (code == null) {
                return null;
            }
            for (LoginError error : values()) {
                if (error.name().equalsIgnoreCase(code)) {
                    return "login.error." + error.name().toLowerCase(java.util.Locale.ROOT);
                }
            }
            return "login.error.bad";
        }
    }
}
