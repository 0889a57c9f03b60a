package io.tongbao.console;

import io.tongbao.platform.SignedInUser;
import io.tongbao.platform.Users;
import io.tongbao.shared.web.ApiException;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own profile: password, the zone times are shown in, the optional second factor. */
@Controller
class MeController {

    static final List<String> ZONES =
            List.of("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "UTC");
    private static final String PENDING_TOTP = "console.totp.pending";

    private final Users users;

    MeController(Users users) {
        this.users = users;
    }

    @GetMapping("/console/me")
    String me(@AuthenticationPrincipal SignedInUser me, HttpSession session, Model model) {
        model.addAttribute("profile", users.find(me, me.username()).orElseThrow(NotFound::new));
        model.addAttribute("zones", ZONES);
        if (session.getAttribute(PENDING_TOTP) instanceof Users.TotpEnrolment pending) {
            model.addAttribute("totpSecret", pending.secret());
            model.addAttribute("totpQr", QrCodes.svg(pending.uri(), 200));
        }
        return "console/me";
    }

    @PostMapping("/console/me/password")
    String password(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(name = "current_password", required = false) @Nullable String current,
            @RequestParam(name = "new_password", required = false) @Nullable String replacement,
            RedirectAttributes redirect) {
        try {
            users.changeOwnPassword(me, current, replacement);
            redirect.addFlashAttribute("notice", "me.password.changed");
        } catch (Users.Refusal | ApiException refused) {
            redirect.addFlashAttribute("passwordError", refusalKey(refused));
        }
        return "redirect:/console/me";
    }

    @PostMapping("/console/me/zone")
    String zone(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam String zone,
            HttpSession session,
            RedirectAttributes redirect) {
        if (!ZONES.contains(zone)) {
            redirect.addFlashAttribute("zoneError", "error.zone.invalid");
            return "redirect:/console/me";
        }
        users.changeOwnZone(me, zone);
        replacePrincipal(new SignedInUser(me.username(), me.role(), me.merchantId(), zone), session);
        redirect.addFlashAttribute("notice", "me.zone.changed");
        return "redirect:/console/me";
    }

    @PostMapping("/console/me/totp")
    String startTotp(@AuthenticationPrincipal SignedInUser me, HttpSession session) {
        session.setAttribute(PENDING_TOTP, users.startTotp(me));
        return "redirect:/console/me";
    }

    @PostMapping("/console/me/totp/confirm")
    String confirmTotp(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String code,
            HttpSession session,
            RedirectAttributes redirect) {
        if (!(session.getAttribute(PENDING_TOTP) instanceof Users.TotpEnrolment pending)) {
            return "redirect:/console/me";
        }
        try {
            users.confirmTotp(me, pending.secret(), code);
            session.removeAttribute(PENDING_TOTP);
            redirect.addFlashAttribute("notice", "me.totp.enabled");
        } catch (Users.Refusal wrong) {
            redirect.addFlashAttribute("totpError", "error.code.wrong_code");
        }
        return "redirect:/console/me";
    }

    @PostMapping("/console/me/totp/disable")
    String disableTotp(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String code,
            RedirectAttributes redirect) {
        try {
            users.disableTotp(me, code);
            redirect.addFlashAttribute("notice", "me.totp.disabled");
        } catch (Users.Refusal wrong) {
            redirect.addFlashAttribute("totpError", "error.code.wrong_code");
        }
        return "redirect:/console/me";
    }

    private static String refusalKey(RuntimeException refused) {
        if (refused instanceof Users.Refusal refusal) {
            return "error." + refusal.field() + "." + refusal.code();
        }
        if (refused instanceof ApiException api) {
            return switch (api.code()) {
                case "WRONG_PASSWORD" -> "error.password.wrong";
                case "SERVICE_BUSY" -> "error.busy";
                default -> "error.password.too_short";
            };
        }
        throw refused;
    }

    /** The session keeps the user as logged in; a profile change must reach it, on every node. */
    private static void replacePrincipal(SignedInUser changed, HttpSession session) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null) {
            return;
        }
        UsernamePasswordAuthenticationToken replaced =
                UsernamePasswordAuthenticationToken.authenticated(changed, null, current.getAuthorities());
        replaced.setDetails(current.getDetails());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(replaced);
        SecurityContextHolder.setContext(context);
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
    }
}
