package io.tongbao.platform;

import static io.tongbao.platform.Action.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one permission table: which role may do which {@link Action}, and which action each console page and each
 * operator-API endpoint is. A request to a console or operator-API route that is not listed here is refused, and
 * {@code PermissionTableTest} fails when a handler exists that this table does not name.
 */
public final class Permissions {

    private static final Map<Role, Set<Action>> GRANTS = new EnumMap<>(Role.class);

    static {
        GRANTS.put(Role.ADMIN, EnumSet.allOf(Action.class));
        GRANTS.put(
                Role.FINANCE,
                EnumSet.of(
                        SELF,
                        OVERVIEW_VIEW,
                        MERCHANT_VIEW,
                        APP_VIEW,
                        CHANNEL_ACCOUNT_VIEW,
                        FEE_RATE_VIEW,
                        FEE_RATE_MANAGE,
                        PAYMENT_VIEW,
                        REFUND_VIEW,
                        REFUND_CREATE,
                        REFUND_APPROVE,
                        EXCEPTION_VIEW,
                        EXCEPTION_RESOLVE,
                        WEBHOOK_VIEW,
                        CALL_LOG_VIEW,
                        LEDGER_VIEW,
                        LEDGER_AUDIT,
                        AUDIT_VIEW));
        GRANTS.put(
                Role.SUPPORT,
                EnumSet.of(
                        SELF,
                        OVERVIEW_VIEW,
                        MERCHANT_VIEW,
                        APP_VIEW,
                        APP_MANAGE,
                        CHANNEL_ACCOUNT_VIEW,
                        FEE_RATE_VIEW,
                        PAYMENT_VIEW,
                        REFUND_VIEW,
                        EXCEPTION_VIEW,
                        WEBHOOK_VIEW,
                        WEBHOOK_RESEND,
                        CALL_LOG_VIEW,
                        LEDGER_VIEW));
        // read-only: every view, the audit log, and the ledger auditor (which reads and changes nothing)
        GRANTS.put(
                Role.AUDITOR,
                EnumSet.of(
                        SELF,
                        OVERVIEW_VIEW,
                        MERCHANT_VIEW,
                        APP_VIEW,
                        CHANNEL_ACCOUNT_VIEW,
                        FEE_RATE_VIEW,
                        PAYMENT_VIEW,
                        REFUND_VIEW,
                        EXCEPTION_VIEW,
                        WEBHOOK_VIEW,
                        CALL_LOG_VIEW,
                        LEDGER_VIEW,
                        LEDGER_AUDIT,
                        USER_VIEW,
                        AUDIT_VIEW));
        GRANTS.put(
                Role.OWNER,
                EnumSet.of(
                        SELF,
                        OVERVIEW_VIEW,
                        APP_VIEW,
                        APP_MANAGE,
                        APP_KEYS,
                        CHANNEL_ACCOUNT_VIEW,
                        CHANNEL_ACCOUNT_MANAGE,
                        FEE_RATE_VIEW,
                        PAYMENT_VIEW,
                        PAY_TEST,
                        REFUND_VIEW,
                        REFUND_CREATE,
                        EXCEPTION_VIEW,
                        WEBHOOK_VIEW,
                        WEBHOOK_RESEND,
                        WEBHOOK_MANAGE,
                        CALL_LOG_VIEW,
                        LEDGER_VIEW,
                        USER_VIEW,
                        USER_MANAGE,
                        AUDIT_VIEW));
        GRANTS.put(
                Role.MERCHANT_FINANCE,
                EnumSet.of(
                        SELF,
                        OVERVIEW_VIEW,
                        FEE_RATE_VIEW,
                        PAYMENT_VIEW,
                        REFUND_VIEW,
                        REFUND_CREATE,
                        EXCEPTION_VIEW,
                        LEDGER_VIEW));
        GRANTS.put(
                Role.DEVELOPER,
                EnumSet.of(
                        SELF,
                        OVERVIEW_VIEW,
                        APP_VIEW,
                        APP_MANAGE,
                        APP_KEYS,
                        CHANNEL_ACCOUNT_VIEW,
                        PAYMENT_VIEW,
                        PAY_TEST,
                        REFUND_VIEW,
                        WEBHOOK_VIEW,
                        WEBHOOK_RESEND,
                        WEBHOOK_MANAGE,
                        CALL_LOG_VIEW));
        GRANTS.put(Role.STAFF, EnumSet.of(SELF, OVERVIEW_VIEW, PAYMENT_VIEW, REFUND_VIEW));
    }

    /** Console pages and operator-API endpoints, each the action it performs. */
    private static final List<Route> ROUTES = List.of(
            // operator API (HTTP Basic, operators only)
            get("/api/operator/me", SELF),
            post("/api/operator/me/password", SELF),
            post("/api/operator/maintenance/reseal-secrets", PLATFORM_MAINTENANCE),
            post("/api/operator/merchants", MERCHANT_MANAGE),
            get("/api/operator/merchants", MERCHANT_VIEW),
            get("/api/operator/merchants/{merchantId}", MERCHANT_VIEW),
            post("/api/operator/merchants/{merchantId}/suspend", MERCHANT_MANAGE),
            post("/api/operator/merchants/{merchantId}/activate", MERCHANT_MANAGE),
            post("/api/operator/merchants/{merchantId}/apps", APP_MANAGE),
            get("/api/operator/merchants/{merchantId}/apps", APP_VIEW),
            get("/api/operator/apps/{appId}", APP_VIEW),
            post("/api/operator/apps/{appId}/suspend", APP_MANAGE),
            post("/api/operator/apps/{appId}/activate", APP_MANAGE),
            put("/api/operator/apps/{appId}/notify-url", APP_MANAGE),
            post("/api/operator/apps/{appId}/hmac-secret", APP_KEYS),
            put("/api/operator/apps/{appId}/merchant-public-key", APP_KEYS),
            get("/api/operator/apps/{appId}/platform-key", APP_VIEW),
            put("/api/operator/apps/{appId}/fee-rates", FEE_RATE_MANAGE),
            get("/api/operator/apps/{appId}/fee-rates", FEE_RATE_VIEW),
            put("/api/operator/apps/{appId}/channels/alipay", CHANNEL_ACCOUNT_MANAGE),
            put("/api/operator/apps/{appId}/channels/wechatpay", CHANNEL_ACCOUNT_MANAGE),
            get("/api/operator/apps/{appId}/channels", CHANNEL_ACCOUNT_VIEW),
            get("/api/operator/apps/{appId}/webhook-event-types", WEBHOOK_VIEW),
            put("/api/operator/apps/{appId}/webhook-event-types", WEBHOOK_MANAGE),
            put("/api/operator/apps/{appId}/webhook-schedule", WEBHOOK_MANAGE),
            post("/api/operator/webhooks/resend", WEBHOOK_RESEND),
            get("/api/operator/ledger/audit", LEDGER_AUDIT),
            // console (form login, operators and merchant staff; a merchant's views are scoped in each query)
            get("/console", OVERVIEW_VIEW),
            get("/console/", OVERVIEW_VIEW),
            get("/console/me", SELF),
            post("/console/me/password", SELF),
            post("/console/me/zone", SELF),
            post("/console/me/totp", SELF),
            post("/console/me/totp/confirm", SELF),
            post("/console/me/totp/disable", SELF));

    /** Console: payments, refunds, payment exceptions, refund approvals. */
    private static final List<Route> CONSOLE_PAYMENTS = List.of(
            get("/console/payments", PAYMENT_VIEW),
            get("/console/payments/{paymentId}", PAYMENT_VIEW),
            post("/console/payments/{paymentId}/refunds", REFUND_CREATE),
            get("/console/refunds", REFUND_VIEW),
            get("/console/refunds/approvals", REFUND_APPROVE),
            post("/console/refunds/approvals/{requestId}/approve", REFUND_APPROVE),
            post("/console/refunds/approvals/{requestId}/reject", REFUND_APPROVE),
            get("/console/exceptions", EXCEPTION_VIEW),
            post("/console/exceptions/{exceptionId}/accept", EXCEPTION_RESOLVE),
            post("/console/exceptions/{exceptionId}/refund", EXCEPTION_RESOLVE));

    /** Console: the pay test and the overview's figures. */
    private static final List<Route> CONSOLE_PAY_TEST = List.of(
            get("/console/pay-test", PAY_TEST),
            post("/console/pay-test", PAY_TEST),
            get("/console/pay-test/{paymentId}", PAY_TEST),
            get("/console/pay-test/{paymentId}/status", PAY_TEST));

    /** Console: merchants, apps, channel accounts, fee rates. */
    private static final List<Route> CONSOLE_MERCHANTS = List.of(
            get("/console/merchants", MERCHANT_VIEW),
            post("/console/merchants", MERCHANT_MANAGE),
            get("/console/merchants/{merchantId}", MERCHANT_VIEW),
            post("/console/merchants/{merchantId}/suspend", MERCHANT_MANAGE),
            post("/console/merchants/{merchantId}/activate", MERCHANT_MANAGE),
            post("/console/merchants/{merchantId}/channel-self-service", MERCHANT_MANAGE),
            post("/console/merchants/{merchantId}/apps", APP_MANAGE),
            get("/console/apps", APP_VIEW),
            get("/console/apps/{appId}", APP_VIEW),
            post("/console/apps/{appId}/suspend", APP_MANAGE),
            post("/console/apps/{appId}/activate", APP_MANAGE),
            post("/console/apps/{appId}/notify-url", APP_MANAGE),
            post("/console/apps/{appId}/hmac-secret", APP_KEYS),
            post("/console/apps/{appId}/merchant-public-key", APP_KEYS),
            get("/console/apps/{appId}/platform-key", APP_VIEW),
            post("/console/apps/{appId}/webhook-event-types", WEBHOOK_MANAGE),
            post("/console/apps/{appId}/webhook-schedule", WEBHOOK_MANAGE),
            post("/console/apps/{appId}/fee-rates", FEE_RATE_MANAGE),
            post("/console/apps/{appId}/channels/alipay", CHANNEL_ACCOUNT_MANAGE),
            post("/console/apps/{appId}/channels/wechatpay", CHANNEL_ACCOUNT_MANAGE));

    /** Console: webhook deliveries, the API call log. */
    private static final List<Route> CONSOLE_WEBHOOKS = List.of(
            get("/console/webhooks", WEBHOOK_VIEW),
            get("/console/webhooks/{deliveryId}", WEBHOOK_VIEW),
            post("/console/webhooks/resend", WEBHOOK_RESEND),
            get("/console/calls", CALL_LOG_VIEW));

    /** Console: the ledger. */
    private static final List<Route> CONSOLE_LEDGER = List.of(
            get("/console/ledger", LEDGER_VIEW),
            get("/console/ledger/accounts/{accountId}", LEDGER_VIEW),
            post("/console/ledger/audit", LEDGER_AUDIT));

    /** Console: users and roles, the audit log. */
    private static final List<Route> CONSOLE_USERS = List.of(
            get("/console/users", USER_VIEW),
            post("/console/users", USER_MANAGE),
            get("/console/users/{username}", USER_VIEW),
            post("/console/users/{username}/role", USER_MANAGE),
            post("/console/users/{username}/enable", USER_MANAGE),
            post("/console/users/{username}/disable", USER_MANAGE),
            post("/console/users/{username}/password", USER_MANAGE),
            get("/console/audit", AUDIT_VIEW),
            post("/console/audit/verify", AUDIT_VIEW));

    private static final List<Route> ALL_ROUTES = Stream.of(
                    ROUTES,
                    CONSOLE_PAYMENTS,
                    CONSOLE_PAY_TEST,
                    CONSOLE_MERCHANTS,
                    CONSOLE_WEBHOOKS,
                    CONSOLE_LEDGER,
                    CONSOLE_USERS)
            .flatMap(List::stream)
            .toList();

    private Permissions() {}

    public static boolean allows(Role role, Action action) {
        return GRANTS.getOrDefault(role, Set.of()).contains(action);
    }

    public static Set<Action> grantedTo(Role role) {
        return Set.copyOf(GRANTS.getOrDefault(role, Set.of()));
    }

    /** The action of a console or operator-API request; empty for a route the table does not name. */
    public static Optional<Action> actionOf(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return ALL_ROUTES.stream()
                .filter(route ->
                        route.method().matches(method) && route.pattern().matches(container))
                .map(Route::action)
                .findFirst();
    }

    /** Every route of the table, for the test that walks them. */
    public static List<Route> routes() {
        return ALL_ROUTES;
    }

    /** A console page or operator-API endpoint: its method, its path pattern and the action it performs. */
    public record Route(HttpMethod method, PathPattern pattern, Action action) {

        public String path() {
            return pattern.getPatternString();
        }
    }

    private static Route get(String path, Action action) {
        return route(HttpMethod.GET, path, action);
    }

    private static Route post(String path, Action action) {
        return route(HttpMethod.POST, path, action);
    }

    private static Route put(String path, Action action) {
        return route(HttpMethod.PUT, path, action);
    }

    private static Route route(HttpMethod method, String path, Action action) {
        return new Route(method, PathPatternParser.defaultInstance.parse(path), action);
    }
}
