package io.tongbao.console;

import io.tongbao.platform.Action;
import io.tongbao.platform.SignedInUser;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The left navigation, grouped as the work is. An entry shows when the user's role may open its page; operator
 * entries never show to merchant staff.
 */
final class Navigation {

    enum Audience {
        EVERYONE,
        OPERATORS,
        MERCHANTS
    }

    record Entry(String group, String key, String path, String icon, Action action, Audience audience) {

        boolean visibleTo(SignedInUser user) {
            boolean audienceMatches = switch (audience) {
                case EVERYONE -> true;
                case OPERATORS -> user.isOperator();
                case MERCHANTS -> !user.isOperator();
            };
            return audienceMatches && user.may(action);
        }
    }

    record Group(String key, List<Entry> entries) {}

    private static final List<Entry> OVERVIEW = List.of(new Entry(
            "overview", "nav.overview", "/console/", "speedometer2", Action.OVERVIEW_VIEW, Audience.EVERYONE));

    /** Payments, refunds, exceptions, approvals, the pay test (group "payments"). */
    private static final List<Entry> PAYMENTS = List.of(
            new Entry(
                    "payments",
                    "nav.payments",
                    "/console/payments",
                    "credit-card",
                    Action.PAYMENT_VIEW,
                    Audience.EVERYONE),
            new Entry(
                    "payments",
                    "nav.refunds",
                    "/console/refunds",
                    "arrow-counterclockwise",
                    Action.REFUND_VIEW,
                    Audience.EVERYONE),
            new Entry(
                    "payments",
                    "nav.approvals",
                    "/console/refunds/approvals",
                    "check2-square",
                    Action.REFUND_APPROVE,
                    Audience.OPERATORS),
            new Entry(
                    "payments",
                    "nav.exceptions",
                    "/console/exceptions",
                    "exclamation-diamond",
                    Action.EXCEPTION_VIEW,
                    Audience.EVERYONE),
            new Entry("payments", "nav.payTest", "/console/pay-test", "qr-code", Action.PAY_TEST, Audience.EVERYONE));

    /** Merchants (operators) and apps (merchants) (groups "merchants", "apps"). */
    private static final List<Entry> MERCHANTS = List.of(
            new Entry(
                    "merchants",
                    "nav.merchants",
                    "/console/merchants",
                    "shop",
                    Action.MERCHANT_VIEW,
                    Audience.OPERATORS),
            new Entry("apps", "nav.apps", "/console/apps", "grid", Action.APP_VIEW, Audience.MERCHANTS));

    /** The ledger (group "ledger"). */
    private static final List<Entry> LEDGER = List.of(
            new Entry("ledger", "nav.ledger", "/console/ledger", "coin", Action.LEDGER_VIEW, Audience.EVERYONE));

    /** Webhook deliveries and the API call log (group "webhooks"). */
    private static final List<Entry> WEBHOOKS = List.of(
            new Entry("webhooks", "nav.webhooks", "/console/webhooks", "send", Action.WEBHOOK_VIEW, Audience.EVERYONE),
            new Entry(
                    "webhooks",
                    "nav.callLog",
                    "/console/calls",
                    "journal-code",
                    Action.CALL_LOG_VIEW,
                    Audience.EVERYONE));

    /** Users and roles, the audit log, the user's own profile (group "system"). */
    private static final List<Entry> SYSTEM = List.of(
            new Entry("system", "nav.users", "/console/users", "people", Action.USER_VIEW, Audience.EVERYONE),
            new Entry("system", "nav.audit", "/console/audit", "journal-text", Action.AUDIT_VIEW, Audience.EVERYONE),
            new Entry("system", "nav.me", "/console/me", "person-circle", Action.SELF, Audience.EVERYONE));

    private static final List<Entry> ENTRIES = Stream.of(OVERVIEW, PAYMENTS, MERCHANTS, LEDGER, WEBHOOKS, SYSTEM)
            .flatMap(List::stream)
            .toList();

    private Navigation() {}

    /** The entry to highlight on a page: its own, or the visible entry with the longest path above it. */
    static @Nullable String activeFor(SignedInUser user, String path) {
        return ENTRIES.stream()
                .filter(entry -> entry.visibleTo(user))
                .map(Entry::path)
                .filter(entry -> path.equals(entry) || (!entry.equals("/console/") && path.startsWith(entry + "/")))
                .max(java.util.Comparator.comparingInt(String::length))
                .orElse(null);
    }

    static List<Group> visibleTo(SignedInUser user) {
        return ENTRIES.stream()
                .filter(entry -> entry.visibleTo(user))
                .map(Entry::group)
                .distinct()
                .map(group -> new Group(
                        "nav.group." + group,
                        ENTRIES.stream()
                                .filter(entry -> entry.group().equals(group) && entry.visibleTo(user))
                                .toList()))
                .toList();
    }
}
