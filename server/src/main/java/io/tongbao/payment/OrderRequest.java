package io.tongbao.payment;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tongbao.shared.PayWay;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/** The unified order, as the merchant sends it. Amounts in fen. */
@Schema(description = "A unified order: one shape for every pay way; buyer ids only where the pay way needs them")
public record OrderRequest(
        @Schema(
                description = "The merchant's own order number, unique per app: the same number with the same "
                        + "parameters returns the same payment",
                example = "T20261122001",
                requiredMode = REQUIRED)
        @Nullable
        String outTradeNo,

        @Schema(
                description = "In minor units (fen): a JSON integer, 1999 is ¥19.99",
                example = "1999",
                minimum = "1",
                requiredMode = REQUIRED)
        @Nullable
        Long amount,

        @Schema(description = "CNY when left out", example = "CNY") @Nullable
        String currency,

        @Schema(description = "What the buyer sees", example = "通宝 会员", requiredMode = REQUIRED) @Nullable
        String subject,

        @Nullable String description,

        @Schema(example = "ALIPAY_QR", requiredMode = REQUIRED) @JsonDeserialize(using = PayWayField.class) @Nullable
        PayWay payWay,

        @Schema(description = "Until the order closes unpaid; 2 hours when left out", example = "900") @Nullable
        Integer expiresInSeconds,

        @Schema(
                description = "Where this payment's webhooks go instead of the app's notify URL",
                example = "https://shop.example/tongbao/notify")
        @Nullable
        String notifyUrl,

        @Schema(
                description = "Where the buyer's browser returns to (web and WAP pay ways)",
                example = "https://shop.example/paid")
        @Nullable
        String returnUrl,

        @Schema(description = "The buyer's IP address (WECHAT_H5, WECHAT_NATIVE)", example = "203.0.113.7") @Nullable
        String clientIp,

        @Schema(description = "The buyer's openid (WECHAT_JSAPI, WECHAT_MINI)") @Nullable
        String openid,

        @Schema(description = "The buyer's Alipay user id (ALIPAY_JSAPI)") @Nullable
        String buyerId,

        @Schema(description = "The code scanned from the buyer's app (ALIPAY_BARCODE)") @Nullable
        String authCode,

        @Schema(description = "The merchant's own keys and values, returned as given") @Nullable
        Map<String, Object> metadata) {

    @Override
    public String toString() {
        return "OrderRequest[outTradeNo=" + outTradeNo + ", amount=" + amount + ", payWay=" + payWay + ", authCode="
                + (authCode == null ? null : "****") + "]";
    }
}
