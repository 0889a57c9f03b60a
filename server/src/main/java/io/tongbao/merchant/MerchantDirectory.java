package io.tongbao.merchant;

import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.Cursor;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The console's lists of merchants and apps. An app comes with a summary of how it is set up, saying whether a
 * secret or key is there and never what it is. App reads are scoped: a merchant's id (a merchant user's console
 * passes its own) or {@code null} for the operator.
 */
@Service
public class MerchantDirectory {

    private final JdbcClient jdbc;
    private final Clock clock;

    MerchantDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** {@code search}: a merchant's exact id, or part of its name (any case). */
    public record MerchantFilter(
            @Nullable Status status, @Nullable String search) {}

    public record MerchantSummary(Merchant merchant, int apps) {}

    /** {@code search}: an app's exact id, or part of its name (any case). */
    public record AppFilter(
            @Nullable MerchantId scope,
            @Nullable Status status,
            @Nullable SignType signType,
            @Nullable String search) {}

    /**
     * {@code hmacSecretSet}: the app has a secret valid now (an HMAC app), {@code merchantPublicKeySet} and
     * {@code platformKeySet}: the RSA2 keys it verifies and answers with.
     */
    public record AppSummary(App app, boolean hmacSecretSet, boolean merchantPublicKeySet, boolean platformKeySet) {}

    /** Newest first. */
    public Page<MerchantSummary> merchants(MerchantFilter filter, PageRequest request) {
        String sql =
                """
                select m.id, m.name, m.status, m.created_at,
                       (select count(*) from app a where a.merchant_id = m.id) as apps
                from merchant m
                where (cast(:status as text) is null or m.status = :status)
                  and (cast(:search as text) is null or m.id = :search
                       or strpos(lower(m.name), lower(:search)) > 0)
                  and %s
                order by %s limit :limit""".formatted(request.keysetCondition("m.created_at", "m.id"), request.order("m.created_at", "m.id"));
        List<MerchantSummary> merchants = request.bind(jdbc.sql(sql))
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("search", blankToNull(filter.search()))
                .query((rs, row) -> new MerchantSummary(merchant(rs), rs.getInt("apps")))
                .list();
        return Page.of(
                merchants,
                request,
                summary -> new Cursor(
                        summary.merchant().createdAt().toInstant(),
                        summary.merchant().id()));
    }

    /** Newest first. */
    public Page<AppSummary> apps(AppFilter filter, PageRequest request) {
        String sql = APP_SUMMARY
                + """
                where (cast(:merchant as text) is null or a.merchant_id = :merchant)
                  and (cast(:status as text) is null or a.status = :status)
                  and (cast(:signType as text) is null or a.sign_type = :signType)
                  and (cast(:search as text) is null or a.id = :search
                       or strpos(lower(a.name), lower(:search)) > 0)
                  and %s
                order by %s limit :limit""".formatted(request.keysetCondition("a.created_at", "a.id"), request.order("a.created_at", "a.id"));
        List<AppSummary> apps = request.bind(jdbc.sql(sql))
                .param("now", OffsetDateTime.now(clock))
                .param(
                        "merchant",
                        filter.scope() == null ? null : filter.scope().value())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param(
                        "signType",
                        filter.signType() == null ? null : filter.signType().name())
                .param("search", blankToNull(filter.search()))
                .query(MerchantDirectory::appSummary)
                .list();
        return Page.of(
                apps,
                request,
                summary -> new Cursor(
                        summary.app().createdAt().toInstant(), summary.app().id()));
    }

    /** The merchant with this exact id, as the console checks one it is given (a new merchant user's). */
    public Optional<Merchant> merchant(String merchantId) {
        return jdbc.sql("select id, name, status, created_at from merchant where id = :id")
                .param("id", merchantId)
                .query((rs, row) -> merchant(rs))
                .optional();
    }

    /** The app, if the scope may see it. */
    public Optional<AppSummary> app(@Nullable MerchantId scope, String appId) {
        return jdbc.sql(APP_SUMMARY
                        + " where a.id = :id and (cast(:merchant as text) is null or a.merchant_id = :merchant)")
                .param("now", OffsetDateTime.now(clock))
                .param("id", appId)
                .param("merchant", scope == null ? null : scope.value())
                .query(MerchantDirectory::appSummary)
                .optional();
    }

    private static final String APP_SUMMARY = """
            select a.id, a.merchant_id, a.name, a.notify_url, a.status, a.sign_type, a.created_at,
                   exists (select 1 from app_hmac_secret s
                           where s.app_id = a.id and (s.expires_at is null or s.expires_at > :now)) as hmac_secret_set,
                   a.merchant_public_key is not null as merchant_public_key_set,
                   a.platform_public_key is not null as platform_key_set
            from app a
            """;

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Merchant merchant(ResultSet rs) throws SQLException {
        return new Merchant(
                rs.getString("id"),
                rs.getString("name"),
                Status.valueOf(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private static AppSummary appSummary(ResultSet rs, int row) throws SQLException {
        return new AppSummary(
                new App(
                        rs.getString("id"),
                        rs.getString("merchant_id"),
                        rs.getString("name"),
                        rs.getString("notify_url"),
                        Status.valueOf(rs.getString("status")),
                        SignType.valueOf(rs.getString("sign_type")),
                        rs.getObject("created_at", OffsetDateTime.class)),
                rs.getBoolean("hmac_secret_set"),
                rs.getBoolean("merchant_public_key_set"),
                rs.getBoolean("platform_key_set"));
    }
}
