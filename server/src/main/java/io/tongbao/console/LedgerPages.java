package io.tongbao.console;

import io.tongbao.ledger.AuditReport;
import io.tongbao.ledger.LedgerAuditor;
import io.tongbao.ledger.LedgerReads;
import io.tongbao.ledger.LedgerReads.AccountFilter;
import io.tongbao.ledger.LedgerReads.MerchantAccount;
import io.tongbao.ledger.OwnerKind;
import io.tongbao.ledger.StatementPage;
import io.tongbao.ledger.StatementQuery;
import io.tongbao.platform.Action;
import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The points ledger: point types, accounts with their balances, one account's statement and holds, and (operators)
 * the auditor. A merchant user sees its own merchant's ledger only: the ledger's tenancy is the merchant id every
 * point type and account carries.
 */
@Controller
class LedgerPages {

    /** What the ledger hands out as a statement's next cursor: shard and sequence. */
    private static final Pattern STATEMENT_CURSOR = Pattern.compile("[0-9]{1,3}:[0-9]{1,18}");

    private static final int STATEMENT_LINES = 50;

    private final LedgerReads reads;
    private final LedgerAuditor auditor;

    LedgerPages(LedgerReads reads, LedgerAuditor auditor) {
        this.reads = reads;
        this.auditor = auditor;
    }

    /** The filters as typed, to fill the form again. {@code merchant}: operators only. */
    record Filters(
            @Nullable String merchant,
            @Nullable String pointType,
            @Nullable String ownerKind,
            @Nullable String owner) {}

    @GetMapping("/console/ledger")
    String ledger(
            @AuthenticationPrincipal SignedInUser me,
            Filters typed,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String dir,
            HttpServletRequest request,
            Model model) {
        FilterValues values = new FilterValues(me.zoneId());
        AccountFilter filter = new AccountFilter(
                me.merchantScope(),
                me.isOperator() ? values.text("merchant", typed.merchant()) : null,
                values.text("pointType", typed.pointType()),
                values.choice("ownerKind", typed.ownerKind(), OwnerKind.class),
                values.text("owner", typed.owner()));
        Page<MerchantAccount> page = reads.accounts(filter, PageRequest.of(cursor, dir, PageRequest.DEFAULT_LIMIT));
        model.addAttribute("filters", typed);
        model.addAttribute("invalid", values.invalid());
        model.addAttribute("ownerKinds", OwnerKind.values());
        model.addAttribute("pointTypes", reads.pointTypes(me.merchantScope()));
        model.addAttribute("page", page);
        model.addAttribute("nextUrl", PageLinks.at(request, page.next(), "next"));
        model.addAttribute("previousUrl", PageLinks.at(request, page.previous(), "previous"));
        model.addAttribute("mayAudit", me.isOperator() && me.may(Action.LEDGER_AUDIT));
        return "console/ledger/ledger";
    }

    @GetMapping("/console/ledger/accounts/{accountId}")
    String account(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String accountId,
            @RequestParam(required = false) @Nullable String cursor,
            Model model) {
        MerchantAccount account = reads.account(me.merchantScope(), accountId).orElseThrow(NotFound::new);
        String statementCursor =
                cursor != null && STATEMENT_CURSOR.matcher(cursor).matches() ? cursor : null;
        StatementPage statement = reads.statement(
                        me.merchantScope(),
                        accountId,
                        new StatementQuery(STATEMENT_LINES, statementCursor, null, null, null))
                .orElseThrow(NotFound::new);
        model.addAttribute("entry", account);
        model.addAttribute("account", account.account());
        model.addAttribute("statement", statement);
        model.addAttribute("paged", statementCursor != null);
        model.addAttribute("holds", reads.holds(me.merchantScope(), accountId).orElseThrow(NotFound::new));
        return "console/ledger/account";
    }

    /** The auditor reads the whole ledger and changes nothing; what it found is shown, not kept. */
    @PostMapping("/console/ledger/audit")
    String audit(@AuthenticationPrincipal SignedInUser me, Model model) {
        if (!me.isOperator()) {
            throw new NotFound();
        }
        AuditReport report = auditor.audit();
        model.addAttribute("report", report);
        return "console/ledger/audit";
    }
}
