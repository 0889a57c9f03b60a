package io.tongbao.console;

import io.tongbao.platform.AuditEntry;
import io.tongbao.platform.AuditLog;
import io.tongbao.platform.AuditPage;
import io.tongbao.platform.Role;
import io.tongbao.platform.SignedInUser;
import java.time.LocalDate;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The audit log, newest first: who changed what, from where, before and after. A merchant user sees its own
 * merchant's entries only; operators may also verify the hash chain, which covers every merchant's entries.
 */
@Controller
class AuditController {

    static final int PAGE_SIZE = 50;

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    /** One line of the log as the page shows it: the actor's role as a message key when it is one role. */
    record Row(
            AuditEntry entry,
            @Nullable String roleKey,
            @Nullable String before,
            @Nullable String after) {

        static Row of(AuditEntry entry) {
            return new Row(entry, roleKey(entry.actorRole()), pretty(entry.before()), pretty(entry.after()));
        }

        private static @Nullable String roleKey(@Nullable String authorities) {
            if (authorities == null) {
                return null;
            }
            return Arrays.stream(Role.values())
                    .filter(role -> role.authority().equals(authorities))
                    .map(role -> "role." + role.name())
                    .findFirst()
                    .orElse(null);
        }

        private static @Nullable String pretty(@Nullable JsonNode json) {
            return json == null ? null : json.toPrettyString();
        }
    }

    @GetMapping("/console/audit")
    String list(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(name = "target_type", required = false) @Nullable String targetType,
            @RequestParam(name = "target_id", required = false) @Nullable String targetId,
            @RequestParam(required = false) @Nullable String merchant,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable Long before,
            Model model) {
        AuditFilter filter = new AuditFilter(actor, action, targetType, targetId, merchant, from, to);
        AuditPage page = log.list(filter.query(me, before, PAGE_SIZE));
        Long next = page.nextBeforeSeq();
        model.addAttribute("filter", filter);
        model.addAttribute("rows", page.entries().stream().map(Row::of).toList());
        model.addAttribute("nextUrl", next == null ? null : filter.url(next));
        model.addAttribute("newestUrl", before == null ? null : filter.url(null));
        model.addAttribute("canVerify", me.isOperator());
        return "console/audit/list";
    }

    /** Walks the whole chain, every merchant's entries: for operators only; a merchant user finds nothing here. */
    @PostMapping("/console/audit/verify")
    String verify(@AuthenticationPrincipal SignedInUser me, Model model) {
        if (!me.isOperator()) {
            throw new NotFound();
        }
        model.addAttribute("verification", log.verify());
        return "console/audit/verify";
    }
}
