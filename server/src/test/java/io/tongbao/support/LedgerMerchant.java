package io.tongbao.support;

import io.tongbao.sdk.LedgerApi;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.ledger.NewAccount;
import io.tongbao.sdk.ledger.NewPointType;
import io.tongbao.sdk.ledger.NewReason;
import io.tongbao.sdk.ledger.NewTransfer;
import io.tongbao.sdk.ledger.PointType;
import java.util.List;
import java.util.Map;

/** A merchant with one HMAC app, a point type "gold", reason codes and two user accounts: for ledger event tests. */
public record LedgerMerchant(
        OperatorClient.HmacApp app, TongbaoClient client, LedgerApi ledger, PointType gold, String alice, String bob) {

    public static final int ISSUE = 100001;
    public static final int GIFT = 300002;

    public static LedgerMerchant onboard(OperatorClient operator, String notifyUrl) {
        OperatorClient.HmacApp app = operator.createHmacApp(operator.createMerchant("ledger events merchant"));
        if (notifyUrl != null) {
            OperatorClient.Response changed =
                    operator.put("/api/operator/apps/" + app.appId() + "/notify-url", Map.of("notify_url", notifyUrl));
            if (changed.status() != 200) {
                throw new AssertionError("notify URL not set: " + changed.raw());
            }
        }
        TongbaoClient client = operator.sdk(app);
        LedgerApi ledger = client.ledger();
        PointType gold = ledger.createPointType(new NewPointType("gold", "金币", 2));
        ledger.registerReason(NewReason.of(ISSUE, "issue points"));
        ledger.registerReason(NewReason.of(GIFT, "gift"));
        String alice =
                ledger.openAccount(new NewAccount("gold", "USER", "alice")).accountId();
        String bob = ledger.openAccount(new NewAccount("gold", "USER", "bob")).accountId();
        return new LedgerMerchant(app, client, ledger, gold, alice, bob);
    }

    /** Opts the app in to ledger.transfer.posted through the merchant API. */
    public LedgerMerchant subscribeToTransfers() {
        client.put("/api/v1/webhook-settings", Map.of("event_types", List.of("ledger.transfer.posted")), Map.class);
        return this;
    }

    public void issue(String transferId, String to, long amount) {
        ledger.transfer(NewTransfer.of(transferId, "gold", gold.centralBank(), to, amount, ISSUE));
    }

    public void gift(String transferId, String from, String to, long amount) {
        ledger.transfer(NewTransfer.of(transferId, "gold", from, to, amount, GIFT));
    }
}
