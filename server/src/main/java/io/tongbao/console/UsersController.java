package io.tongbao.console;

import io.tongbao.merchant.MerchantDirectory;
import io.tongbao.platform.Action;
import io.tongbao.platform.Role;
import io.tongbao.platform.SignedInUser;
import io.tongbao.platform.Users;
import io.tongbao.platform.Users.UserView;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users and roles: who may log in, as what, for which merchant. {@link Users} checks the actor's scope on every
 * change (a merchant's owner manages its own merchant's staff only) and writes the change to the audit log; this page
 * offers only what the actor may do. A new or reset password is rendered in the answer to the POST itself, never
 * put in the session (which PostgreSQL stores): it exists in that one page.
 */
@Controller
class UsersController {

    private static final String USER_PAGE = "redirect:/console/users/{username}";

    private final Users users;
    private final MerchantDirectory merchants;

    UsersController(Users users, MerchantDirectory merchants) {
        this.users = users;
        this.merchants = merchants;
    }

    @GetMapping("/console/users")
    String list(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(required = false) @Nullable String merchant,
            @RequestParam(required = false) @Nullable String state,
            Model model) {
        UserFilter filter = new UserFilter(q, role, me.isOperator() ? merchant : null, state);
        return listPage(me, filter, UserForm.EMPTY, model);
    }

    @PostMapping("/console/users")
    String create(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String username,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(name = "merchant_id", required = false) @Nullable String merchantId,
            @RequestParam(name = "display_name", required = false) @Nullable String displayName,
            Model model,
            HttpServletResponse response) {
        UserForm form = new UserForm(username, role, merchantId, displayName);
        Role chosen = UserForm.role(role, creatableRoles(me));
        if (chosen == null) {
            return refusedForm(me, form.refused("role", roleRefusal(role)), model, response);
        }
        String merchantGiven = form.merchantId();
        if (me.isOperator()
                && !chosen.isOperator()
                && merchantGiven != null
                && merchants.merchant(merchantGiven).isEmpty()) {
            return refusedForm(me, form.refused("merchant_id", "error.merchant_id.not_found"), model, response);
        }
        try {
            Users.IssuedPassword issued =
                    users.create(me, username == null ? "" : username, chosen, merchantGiven, displayName);
            return passwordShownOnce(issued, "users.password.created", model);
        } catch (Users.Refusal refused) {
            return refusedForm(me, form.refused(refused.field(), messageKey(refused)), model, response);
        }
    }

    @GetMapping("/console/users/{username}")
    String user(@AuthenticationPrincipal SignedInUser me, @PathVariable String username, Model model) {
        return userPage(me, username, model);
    }

    @PostMapping("/console/users/{username}/role")
    String changeRole(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String username,
            @RequestParam(required = false) @Nullable String role,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UserView user = visible(me, username);
        Role chosen = UserForm.role(role, rolesOfKind(user.role().kind()));
        if (chosen == null) {
            return refusedOnUserPage(me, username, "roleError", roleRefusal(role), model, response);
        }
        try {
            users.changeRole(me, username, chosen);
        } catch (Users.Refusal refused) {
            return refusedOnUserPage(me, username, "roleError", messageKey(refused), model, response);
        }
        redirect.addFlashAttribute("notice", "users.role.changed");
        return USER_PAGE;
    }

    @PostMapping("/console/users/{username}/enable")
    String enable(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String username,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return setEnabled(me, username, true, model, response, redirect);
    }

    @PostMapping("/console/users/{username}/disable")
    String disable(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String username,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return setEnabled(me, username, false, model, response, redirect);
    }

    @PostMapping("/console/users/{username}/password")
    String resetPassword(@AuthenticationPrincipal SignedInUser me, @PathVariable String username, Model model) {
        try {
            return passwordShownOnce(users.resetPassword(me, username), "users.password.reset", model);
        } catch (Users.Refusal refused) {
            throw new NotFound();
        }
    }

    private String setEnabled(
            SignedInUser me,
            String username,
            boolean enabled,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            users.setEnabled(me, username, enabled);
        } catch (Users.Refusal refused) {
            if (refused.code().equals("not_found")) {
                throw new NotFound();
            }
            return refusedOnUserPage(me, username, "stateError", messageKey(refused), model, response);
        }
        redirect.addFlashAttribute("notice", enabled ? "users.enabled.done" : "users.disabled.done");
        return USER_PAGE;
    }

    private String listPage(SignedInUser me, UserFilter filter, UserForm form, Model model) {
        List<UserView> all = users.list(me);
        model.addAttribute("users", all.stream().filter(filter::matches).toList());
        model.addAttribute("total", all.size());
        model.addAttribute("filter", filter);
        model.addAttribute("form", form);
        model.addAttribute("creatableRoles", creatableRoles(me));
        model.addAttribute("canManage", me.may(Action.USER_MANAGE));
        return "console/users/list";
    }

    private String refusedForm(SignedInUser me, UserForm form, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return listPage(me, UserFilter.NONE, form, model);
    }

    private String userPage(SignedInUser me, String username, Model model) {
        UserView user = visible(me, username);
        model.addAttribute("user", user);
        model.addAttribute("roles", rolesOfKind(user.role().kind()));
        model.addAttribute("self", user.username().equals(me.username()));
        model.addAttribute("canManage", me.may(Action.USER_MANAGE));
        return "console/users/user";
    }

    private String refusedOnUserPage(
            SignedInUser me, String username, String field, String key, Model model, HttpServletResponse response) {
        if (key.equals("error.username.not_found")) {
            throw new NotFound();
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute(field, key);
        return userPage(me, username, model);
    }

    private String passwordShownOnce(Users.IssuedPassword issued, String what, Model model) {
        model.addAttribute("issued", issued);
        model.addAttribute("what", what);
        return "console/users/password";
    }

    /** The user, when the actor may see it; another merchant's is as absent as one that does not exist. */
    private UserView visible(SignedInUser me, String username) {
        return users.find(me, username).orElseThrow(NotFound::new);
    }

    /** An operator creates any role; a merchant's owner only its own merchant's roles. */
    private static List<Role> creatableRoles(SignedInUser me) {
        return me.isOperator() ? List.of(Role.values()) : rolesOfKind(Role.Kind.MERCHANT);
    }

    /** A user's role changes within its kind: an operator stays an operator, merchant staff stays staff. */
    private static List<Role> rolesOfKind(Role.Kind kind) {
        return Arrays.stream(Role.values()).filter(role -> role.kind() == kind).toList();
    }

    /** No role chosen, or one the form did not offer (an operator role for a merchant's owner). */
    private static String roleRefusal(@Nullable String role) {
        return role == null || role.isBlank() ? "error.role.required" : "error.role.not_allowed";
    }

    private static String messageKey(Users.Refusal refused) {
        return "error." + refused.field() + "." + refused.code();
    }
}
