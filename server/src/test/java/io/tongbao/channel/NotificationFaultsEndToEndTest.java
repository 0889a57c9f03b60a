package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.api.internal.util.AlipaySignature;
import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.Payment;
import io.tongbao.shared.PayWay;
import io.tongbao.support.OperatorClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The channels' notifications as they really come: eight times, out of order, late, forged, with a changed amount.
 * Whatever arrives, a payment is PAID exactly once with its own amount, one {@code payment.succeeded} event is
 * published, and what fails verification is refused, recorded as a security exception and changes nothing.
 */
@SandboxEndToEnd
class NotificationFaultsEndToEndTest extends SandboxShopTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(
            value = PayWay.class,
            names = {"ALIPAY_QR", "WECHAT_NATIVE"})
    void aNotificationThatComesEightTimesPaysOnceWithOneEvent(PayWay way) {
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 1888);
        String tradeNo = records.attempt(payment.id()).id();
        records.holdQueries(payment.id());
        sandbox.fault(shop.account(way), "NOTIFY_DUPLICATE", Map.of("out_trade_no", tradeNo, "count", 8));

        buyer.pays(payment);

        await().atMost(PATIENCE)
                .until(() -> sandbox.notificationStates(shop.account(way), tradeNo).stream()
                                .filter("ACKNOWLEDGED"::equals)
                                .count()
                        == 8);
        Payment paid = shop.payments.get(payment.id());
        assertThat(paid.status()).isEqualTo("PAID");
        assertThat(paid.amount()).isEqualTo(1888);
        assertPaidOnce(shop, payment.id());
    }

    @Test
    void aPaymentNotificationOvertakenByItsRefundsChangesNothing() {
        PayWay way = PayWay.WECHAT_NATIVE;
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 1500);
        String tradeNo = records.attempt(payment.id()).id();
        // the payment's notification is held until the next one for this trade (times 2: the held one and the one
        // that overtakes it), which then goes first
        sandbox.fault(
                shop.account(way),
                "NOTIFY_REORDER",
                Map.of("out_trade_no", tradeNo, "times", 2, "delay_seconds", 3600));

        buyer.pays(payment);
        await().atMost(PATIENCE)
                .until(() ->
                        sandbox.notificationStates(shop.account(way), tradeNo).contains("HELD"));
        records.makeQueryDue(payment.id());
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        PaymentApi.Refund refund =
                shop.payments.refund(payment.id(), new PaymentApi.RefundRequest("R" + Shop.outTradeNo(), 500, "part"));

        await().atMost(PATIENCE)
                .until(() -> sandbox.notificationStates(shop.account(way), tradeNo).stream()
                                .allMatch("ACKNOWLEDGED"::equals)
                        && sandbox.notificationStates(shop.account(way), tradeNo)
                                        .size()
                                == 2);
        assertThat(sandbox.summariesInSendingOrder(shop.account(way), tradeNo))
                .as("the sandbox sent the refund's notification first")
                .containsExactly("REFUND.SUCCESS", "TRANSACTION.SUCCESS");
        Payment after = shop.payments.get(payment.id());
        assertThat(after.status()).isEqualTo("PAID");
        assertThat(after.amountRefunded()).isEqualTo(500);
        assertThat(shop.payments.refunds(payment.id())).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(refund.id());
            assertThat(r.status()).isEqualTo("SUCCEEDED");
        });
        assertPaidOnce(shop, payment.id());
    }

    @Test
    void aLateNotificationAfterTheQueryPaidChangesNothing() {
        PayWay way = PayWay.ALIPAY_QR;
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 990);
        String tradeNo = records.attempt(payment.id()).id();
        sandbox.fault(shop.account(way), "NOTIFY_DELAY", Map.of("out_trade_no", tradeNo, "delay_seconds", 300));

        buyer.pays(payment);
        records.makeQueryDue(payment.id());
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        Payment paidByQuery = shop.payments.get(payment.id());
        assertThat(sandbox.answers(shop.account(way), tradeNo))
                .as("nothing sent yet")
                .isEmpty();

        sandbox.advance(Duration.ofSeconds(301));

        await().atMost(PATIENCE)
                .until(() ->
                        sandbox.notificationStates(shop.account(way), tradeNo).equals(List.of("ACKNOWLEDGED")));
        Payment after = shop.payments.get(payment.id());
        assertThat(after.status()).isEqualTo("PAID");
        assertThat(after.amount()).isEqualTo(990);
        assertThat(after.paidAt()).isEqualTo(paidByQuery.paidAt());
        assertPaidOnce(shop, payment.id());
    }

    @ParameterizedTest
    @EnumSource(
            value = PayWay.class,
            names = {"ALIPAY_QR", "WECHAT_NATIVE"})
    void aNotificationWithATamperedSignatureIsRefusedAndRecordedAndTheQueryStillPays(PayWay way) {
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 1200);
        String tradeNo = records.attempt(payment.id()).id();
        records.holdQueries(payment.id());
        sandbox.fault(shop.account(way), "NOTIFY_TAMPER_SIGNATURE", Map.of("out_trade_no", tradeNo, "times", 1));

        buyer.pays(payment);

        await().atMost(PATIENCE)
                .until(() -> !sandbox.answers(shop.account(way), tradeNo).isEmpty());
        assertThat(sandbox.answers(shop.account(way), tradeNo).getFirst())
                .doesNotStartWith("200 success")
                .doesNotStartWith("204");
        await().atMost(PATIENCE).until(() -> kinds(shop).contains("INVALID_SIGNATURE"));
        assertThat(shop.payments.get(payment.id()).status()).isEqualTo("PENDING");
        assertThat(shop.events("payment.succeeded", payment.id())).isEmpty();

        records.makeQueryDue(payment.id());
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        assertThat(shop.payments.get(payment.id()).amount()).isEqualTo(1200);
        assertPaidOnce(shop, payment.id());
    }

    @ParameterizedTest
    @EnumSource(
            value = PayWay.class,
            names = {"ALIPAY_QR", "WECHAT_NATIVE"})
    void aValidlySignedNotificationWithAnotherAmountIsRefusedAndRecordedAndTheQueryStillPays(PayWay way) {
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 1200);
        String tradeNo = records.attempt(payment.id()).id();
        records.holdQueries(payment.id());
        sandbox.fault(shop.account(way), "NOTIFY_TAMPER_AMOUNT", Map.of("out_trade_no", tradeNo, "times", 1));

        buyer.pays(payment);

        await().atMost(PATIENCE).until(() -> kinds(shop).contains("AMOUNT_MISMATCH"));
        assertThat(records.exceptions(shop.appId))
                .filteredOn(e -> e.kind().equals("AMOUNT_MISMATCH"))
                .singleElement()
                .satisfies(e -> assertThat(e.attemptId()).isEqualTo(tradeNo));
        assertThat(sandbox.answers(shop.account(way), tradeNo).getFirst())
                .doesNotStartWith("200 success")
                .doesNotStartWith("204");
        assertThat(shop.payments.get(payment.id()).status()).isEqualTo("PENDING");

        records.makeQueryDue(payment.id());
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        assertThat(shop.payments.get(payment.id()).amount()).isEqualTo(1200);
        assertPaidOnce(shop, payment.id());
    }

    @Test
    void aNotificationForgedWithAnotherKeyIsRefusedAndRecordedThenTheRealOnePays() throws Exception {
        PayWay way = PayWay.ALIPAY_QR;
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 4200);
        String tradeNo = records.attempt(payment.id()).id();
        records.holdQueries(payment.id());
        Map<String, String> forged = new TreeMap<>(Map.of(
                "notify_type",
                "trade_status_sync",
                "notify_id",
                "forged1",
                "app_id",
                shop.alipay.appId(),
                "out_trade_no",
                tradeNo,
                "trade_no",
                "2026000000000000000001",
                "trade_status",
                "TRADE_SUCCESS",
                "total_amount",
                "42.00",
                "gmt_payment",
                "2026-11-22 10:00:00",
                "charset",
                "utf-8"));
        String attackerKey = Base64.getEncoder()
                .encodeToString(OperatorClient.rsaKeyPair().getPrivate().getEncoded());
        forged.put(
                "sign",
                AlipaySignature.rsa256Sign(AlipaySignature.getSignCheckContentV1(forged), attackerKey, "UTF-8"));
        forged.put("sign_type", "RSA2");

        Sandbox.Reply answer = sandbox.send(
                HttpRequest.newBuilder(URI.create(operator.baseUrl() + "/channels/alipay/notify/" + shop.appId))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(forged))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.raw()).isEqualTo("fail");
        assertThat(kinds(shop)).containsExactly("INVALID_SIGNATURE");
        assertThat(shop.payments.get(payment.id()).status()).isEqualTo("PENDING");

        buyer.pays(payment);
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        assertThat(sandbox.notificationStates(shop.account(way), tradeNo)).containsExactly("ACKNOWLEDGED");
        assertPaidOnce(shop, payment.id());
    }

    @Test
    void aWechatNotificationSignedWithAnotherKeyIsRefusedAndRecordedThenTheRealOnePays() throws Exception {
        PayWay way = PayWay.WECHAT_NATIVE;
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 4300);
        String tradeNo = records.attempt(payment.id()).id();
        records.holdQueries(payment.id());
        String body = """
                {"id":"forged-1","create_time":"2026-11-22T10:00:00+08:00","resource_type":"encrypt-resource",\
                "event_type":"TRANSACTION.SUCCESS","summary":"支付成功","resource":{"original_type":"transaction",\
                "algorithm":"AEAD_AES_256_GCM","ciphertext":"Zm9yZ2Vk","associated_data":"transaction",\
                "nonce":"abcdefghijkl"}}""";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(OperatorClient.rsaKeyPair().getPrivate());
        signer.update((timestamp + "\nforgednonce\n" + body + "\n").getBytes(StandardCharsets.UTF_8));

        Sandbox.Reply answer = sandbox.send(
                HttpRequest.newBuilder(URI.create(operator.baseUrl() + "/channels/wechatpay/notify/" + shop.appId))
                        .header("Content-Type", "application/json")
                        .header("Wechatpay-Serial", shop.wechat.publicKeyId())
                        .header("Wechatpay-Timestamp", timestamp)
                        .header("Wechatpay-Nonce", "forgednonce")
                        .header("Wechatpay-Signature", Base64.getEncoder().encodeToString(signer.sign()))
                        .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(kinds(shop)).containsExactly("INVALID_SIGNATURE");
        assertThat(shop.payments.get(payment.id()).status()).isEqualTo("PENDING");

        buyer.pays(payment);
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        assertThat(sandbox.notificationStates(shop.account(way), tradeNo)).containsExactly("ACKNOWLEDGED");
        assertPaidOnce(shop, payment.id());
    }

    /**
     * The payment's state and its webhook event commit together: when the event cannot be written (a fault planted in
     * the database for this one payment), the notification changes nothing and is answered as failed with a 503 (our
     * failure, not a refusal of the notification); the channel's next try, once the fault is gone, pays it with its
     * event.
     */
    @Test
    void aPaymentWhoseWebhookCannotBeWrittenStaysUnpaidUntilTheChannelTriesAgain() {
        PayWay way = PayWay.ALIPAY_QR;
        Shop shop = Shop.open(operator, sandbox, way);
        Payment payment = shop.create(way, 1777);
        String tradeNo = records.attempt(payment.id()).id();
        records.holdQueries(payment.id());
        String fault =
                "refuse_webhook_" + payment.id().replaceAll("[^A-Za-z0-9]", "_").toLowerCase();
        jdbc.sql("create function " + fault + "() returns trigger language plpgsql as $$ begin "
                        + "raise exception 'planted fault: webhook events cannot be written'; end $$")
                .update();
        jdbc.sql("create trigger " + fault + " before insert on webhook_event for each row when (new.object_id = '"
                        + payment.id() + "') execute function " + fault + "()")
                .update();
        try {
            buyer.pays(payment);

            await().atMost(PATIENCE)
                    .until(() -> sandbox.answers(shop.account(way), tradeNo).contains("503 fail"));
            assertThat(shop.payments.get(payment.id()).status()).isEqualTo("PENDING");
            assertThat(records.attempts(payment.id()))
                    .singleElement()
                    .satisfies(attempt -> assertThat(attempt.status()).isEqualTo("PENDING"));
            assertThat(shop.events("payment.succeeded", payment.id())).isEmpty();
            assertThat(published.succeeded(payment.id())).isZero();
        } finally {
            jdbc.sql("drop trigger " + fault + " on webhook_event").update();
            jdbc.sql("drop function " + fault + "()").update();
        }

        sandbox.advance(Duration.ofMinutes(3)); // Alipay's next try is 2 minutes after the first
        await().atMost(PATIENCE).until(() -> shop.isPaid(payment.id()));
        assertThat(sandbox.answers(shop.account(way), tradeNo)).containsExactly("503 fail", "200 success");
        assertPaidOnce(shop, payment.id());
    }

    /** PAID once: one attempt, one webhook event, one committed PaymentSucceeded. */
    private void assertPaidOnce(Shop shop, String paymentId) {
        assertThat(records.attempts(paymentId))
                .singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("SUCCEEDED"));
        await().atMost(PATIENCE)
                .until(() -> shop.events("payment.succeeded", paymentId).size() == 1);
        assertThat(published.succeeded(paymentId)).isEqualTo(1);
    }

    private List<String> kinds(Shop shop) {
        return records.exceptions(shop.appId).stream()
                .map(PaymentRecords.Exception::kind)
                .toList();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
