package io.tongbao.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.tongbao.merchant.MerchantDirectory.AppFilter;
import io.tongbao.merchant.MerchantDirectory.AppSummary;
import io.tongbao.merchant.MerchantDirectory.MerchantFilter;
import io.tongbao.merchant.MerchantDirectory.MerchantSummary;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.time.JdbcTime;
import io.tongbao.support.KeysetWalk;
import io.tongbao.support.MutableClock;
import io.tongbao.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's lists of merchants and apps, on the merchant tables alone (real PostgreSQL). */
class MerchantDirectoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final HikariDataSource dataSource = TestDatabase.freshDataSource(4, "classpath:db/migration/merchant");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    private final MerchantDirectory directory = new MerchantDirectory(jdbc, clock);

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void merchantsFilteredByStatusAndFoundByIdOrPartOfTheName() {
        String tea = merchant("Jasmine Tea House", Status.ACTIVE, T0);
        String noodles = merchant("Lanzhou Noodles", Status.SUSPENDED, T0.plusSeconds(1));
        String dumplings = merchant("饺子馆 Dumplings", Status.ACTIVE, T0.plusSeconds(2));
        app(tea, SignType.HMAC_SHA256, T0);
        app(tea, SignType.RSA2, T0.plusSeconds(1));

        assertThat(merchantIds(new MerchantFilter(null, null))).containsExactly(dumplings, noodles, tea);
        assertThat(merchantIds(new MerchantFilter(Status.SUSPENDED, null))).containsExactly(noodles);
        assertThat(merchantIds(new MerchantFilter(null, "tea"))).containsExactly(tea);
        assertThat(merchantIds(new MerchantFilter(null, "饺子"))).containsExactly(dumplings);
        assertThat(merchantIds(new MerchantFilter(null, " " + noodles + " "))).containsExactly(noodles);
        assertThat(merchantIds(new MerchantFilter(Status.ACTIVE, "noodles"))).isEmpty();
        // a search is text, not a pattern
        assertThat(merchantIds(new MerchantFilter(null, "%"))).isEmpty();
        assertThat(directory
                        .merchants(new MerchantFilter(null, "tea"), PageRequest.first(10))
                        .rows()
                        .getFirst()
                        .apps())
                .isEqualTo(2);
    }

    @Test
    void merchantPagesWalkForwardAndBackAcrossTheSameCreationTime() {
        for (int i = 0; i < 8; i++) {
            merchant("same time " + i, Status.ACTIVE, T0);
        }
        merchant("later", Status.ACTIVE, T0.plusSeconds(5));

        List<MerchantSummary> rows =
                KeysetWalk.rows(request -> directory.merchants(new MerchantFilter(null, null), request), 2);

        assertThat(rows).hasSize(9);
        assertThat(rows.getFirst().merchant().name()).isEqualTo("later");
        assertThat(rows.subList(1, 9))
                .extracting(summary -> summary.merchant().id())
                .isSortedAccordingTo((x, y) -> y.compareTo(x));
    }

    @Test
    void appsOfAMerchantWithWhatIsSetUpAndNeverAnotherMerchantsApps() {
        String merchantA = merchant("A", Status.ACTIVE, T0);
        String merchantB = merchant("B", Status.ACTIVE, T0);
        String hmac = app(merchantA, SignType.HMAC_SHA256, T0);
        String rsa = app(merchantA, SignType.RSA2, T0.plusSeconds(1));
        String expired = app(merchantA, SignType.HMAC_SHA256, T0.plusSeconds(2));
        String ofB = app(merchantB, SignType.HMAC_SHA256, T0);
        secret(hmac, 1, null);
        secret(expired, 1, clock.instant().minusSeconds(1));
        jdbc.sql("update app set merchant_public_key = 'PEM', status = 'SUSPENDED' where id = :id")
                .param("id", rsa)
                .update();

        MerchantId scopeA = MerchantId.of(merchantA);
        List<AppSummary> apps = directory
                .apps(new AppFilter(scopeA, null, null, null), PageRequest.first(10))
                .rows();

        assertThat(apps).extracting(summary -> summary.app().id()).containsExactly(expired, rsa, hmac);
        assertThat(apps)
                .extracting(AppSummary::hmacSecretSet, AppSummary::merchantPublicKeySet, AppSummary::platformKeySet)
                .containsExactly(tuple(false, false, false), tuple(false, true, true), tuple(true, false, false));
        assertThat(apps.getFirst().app().notifyUrl()).isEqualTo("https://shop.example/notify");
        assertThat(appIds(new AppFilter(scopeA, Status.SUSPENDED, null, null))).containsExactly(rsa);
        assertThat(appIds(new AppFilter(scopeA, null, SignType.RSA2, null))).containsExactly(rsa);
        assertThat(appIds(new AppFilter(scopeA, null, null, ofB))).isEmpty();
        assertThat(appIds(new AppFilter(null, null, null, ofB))).containsExactly(ofB);
        assertThat(appIds(new AppFilter(null, null, null, null))).hasSize(4);
        assertThat(directory.app(scopeA, ofB)).isEmpty();
        assertThat(directory.app(MerchantId.of(merchantB), ofB)).isPresent();
        assertThat(directory.app(null, hmac).orElseThrow().hmacSecretSet()).isTrue();
    }

    @Test
    void aMerchantIsFoundByItsExactIdOnly() {
        String tea = merchant("Jasmine Tea House", Status.SUSPENDED, T0);

        assertThat(directory.merchant(tea))
                .hasValueSatisfying(merchant -> assertThat(merchant)
                        .extracting(Merchant::name, Merchant::status)
                        .containsExactly("Jasmine Tea House", Status.SUSPENDED));
        assertThat(directory.merchant("Jasmine Tea House")).isEmpty();
        assertThat(directory.merchant(tea.substring(0, tea.length() - 1))).isEmpty();
        assertThat(directory.merchant("mch_unknown")).isEmpty();
    }

    private List<String> merchantIds(MerchantFilter filter) {
        return directory.merchants(filter, PageRequest.first(50)).rows().stream()
                .map(summary -> summary.merchant().id())
                .toList();
    }

    private List<String> appIds(AppFilter filter) {
        return directory.apps(filter, PageRequest.first(50)).rows().stream()
                .map(summary -> summary.app().id())
                .toList();
    }

    private String merchant(String name, Status status, Instant at) {
        String id = Ids.next("mch");
        jdbc.sql(
                        "insert into merchant (id, name, status, created_at, updated_at) values (:id, :name, :status, :at, :at)")
                .param("id", id)
                .param("name", name)
                .param("status", status.name())
                .param("at", JdbcTime.at(at))
                .update();
        return id;
    }

    private String app(String merchantId, SignType signType, Instant at) {
        String id = Ids.next("app");
        boolean rsa = signType == SignType.RSA2;
        jdbc.sql("""
                        insert into app (id, merchant_id, name, notify_url, status, sign_type, platform_public_key,
                                         platform_private_key_enc, created_at, updated_at)
                        values (:id, :merchant, 'shop', 'https://shop.example/notify', 'ACTIVE', :signType,
                                :platformKey, :platformPrivate, :at, :at)""")
                .param("id", id)
                .param("merchant", merchantId)
                .param("signType", signType.name())
                .param("platformKey", rsa ? "PUBLIC PEM" : null)
                .param("platformPrivate", rsa ? "sealed" : null)
                .param("at", JdbcTime.at(at))
                .update();
        return id;
    }

    private void secret(String appId, int version, @Nullable Instant expiresAt) {
        jdbc.sql("""
                        insert into app_hmac_secret (app_id, version, secret_enc, created_at, expires_at)
                        values (:app, :version, 'sealed', :now, :expires)""")
                .param("app", appId)
                .param("version", version)
                .param("now", JdbcTime.at(T0))
                .param("expires", JdbcTime.at(expiresAt))
                .update();
    }
}
