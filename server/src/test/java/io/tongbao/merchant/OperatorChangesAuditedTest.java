package io.tongbao.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.platform.AuditEntry;
import io.tongbao.platform.AuditLog;
import io.tongbao.platform.AuditQuery;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Changes made through the operator API leave audit entries naming the operator, and never a secret. */
@TongbaoTest
class OperatorChangesAuditedTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    AuditLog auditLog;

    @Test
    void rotatingAnHmacSecretIsRecordedWithTheOperatorAndWithoutTheSecret() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String merchant = operator.createMerchant("audited merchant");
        OperatorClient.HmacApp app = operator.createHmacApp(merchant);
        OperatorClient.Response rotation =
                operator.post("/api/operator/apps/" + app.appId() + "/hmac-secret", Map.of("overlap_hours", 1));
        assertThat(rotation.status()).isEqualTo(200);
        String rotated = rotation.body().get("hmac_secret").asString();
        assertThat(operator.put(
                                "/api/operator/apps/" + app.appId() + "/fee-rates",
                                Map.of("rates", Map.of("ALIPAY_PC", 6000)))
                        .status())
                .isEqualTo(200);
        assertThat(operator.post("/api/operator/apps/" + app.appId() + "/suspend", Map.of())
                        .status())
                .isEqualTo(200);

        List<AuditEntry> entries =
                auditLog.list(AuditQuery.newest(50).merchant(merchant)).entries();
        assertThat(entries)
                .extracting(AuditEntry::action)
                .containsExactly(
                        "app.suspended",
                        "app.fee_rates.set",
                        "app.hmac_secret.rotated",
                        "app.created",
                        "merchant.created");
        AuditEntry rotationEntry = entries.get(2);
        assertThat(rotationEntry.actor()).isEqualTo(OperatorClient.USER);
        assertThat(rotationEntry.source()).isNotBlank();
        assertThat(rotationEntry.targetId()).isEqualTo(app.appId());
        assertThat(rotationEntry.before().get("hmac_secret_version").asInt()).isEqualTo(1);
        assertThat(rotationEntry.after().get("hmac_secret_version").asInt()).isEqualTo(2);
        assertThat(entries.get(0).before().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(entries.get(0).after().get("status").asString()).isEqualTo("SUSPENDED");

        String stored = jdbc.sql("select string_agg(concat(before::text, after::text, summary), ' ') from audit_entry")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(app.secret()).doesNotContain(rotated);
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void channelAccountsAndWebhookSettingsAreRecordedWithFingerprintsOnly() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String merchant = operator.createMerchant("audited channels");
        OperatorClient.HmacApp app = operator.createHmacApp(merchant);
        operator.configureChannels(app.appId());
        assertThat(operator.put(
                                "/api/operator/apps/" + app.appId() + "/webhook-schedule",
                                Map.of("retry_schedule", List.of("5s", "1m")))
                        .status())
                .isEqualTo(200);

        List<AuditEntry> entries =
                auditLog.list(AuditQuery.newest(50).merchant(merchant)).entries();
        assertThat(entries)
                .extracting(AuditEntry::action, AuditEntry::summary)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("app.webhook_schedule.set", null),
                        org.assertj.core.groups.Tuple.tuple("channel_account.saved", "WECHATPAY"),
                        org.assertj.core.groups.Tuple.tuple("channel_account.saved", "ALIPAY"));
        assertThat(entries.get(0).after().get("retry_schedule").toString()).contains("PT5S", "PT1M");
        AuditEntry wechatPay = entries.get(1);
        assertThat(wechatPay.actor()).isEqualTo(OperatorClient.USER);
        assertThat(wechatPay.after().get("settings").get("mchid").asString()).isEqualTo("1900000009");
        assertThat(wechatPay.after().get("keys").toString()).contains("merchant_private_key: set (public half");
        String stored = wechatPay.after().toString() + entries.get(2).after();
        assertThat(stored).doesNotContain("0123456789abcdefghijklmnopqrstuv").doesNotContain("MII");
    }

    @Test
    void aSignedMerchantCallIsRecordedAsItsApp() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String merchant = operator.createMerchant("audited api caller");
        OperatorClient.HmacApp app = operator.createHmacApp(merchant);

        operator.sdk(app).put("/api/v1/webhook-settings", Map.of("event_types", List.of()), Map.class);

        AuditEntry entry =
                auditLog.list(AuditQuery.newest(1).merchant(merchant)).entries().getFirst();
        assertThat(entry.action()).isEqualTo("app.webhook_event_types.set");
        assertThat(entry.actor()).isEqualTo("app:" + app.appId());
        assertThat(entry.merchantId()).isEqualTo(merchant);
    }
}
