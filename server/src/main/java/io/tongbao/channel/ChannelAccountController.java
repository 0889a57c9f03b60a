package io.tongbao.channel;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's API for an app's channel accounts: set them, and see them without their secrets. */
@RestController
@RequestMapping("/api/operator")
class ChannelAccountController {

    private final ChannelAccountSetup channels;

    ChannelAccountController(ChannelAccountSetup channels) {
        this.channels = channels;
    }

    @Operation(operationId = "setAlipayAccount", summary = "Set an app's Alipay account")
    @PutMapping("/apps/{appId}/channels/alipay")
    ChannelAccountView alipay(@PathVariable String appId, @RequestBody ChannelAccountSetup.AlipaySetup setup) {
        return channels.alipay(appId, setup);
    }

    @Operation(operationId = "setWechatPayAccount", summary = "Set an app's WeChat Pay account")
    @PutMapping("/apps/{appId}/channels/wechatpay")
    ChannelAccountView wechatPay(@PathVariable String appId, @RequestBody ChannelAccountSetup.WechatPaySetup setup) {
        return channels.wechatPay(appId, setup);
    }

    @Operation(operationId = "listChannelAccounts", summary = "An app's channel accounts (never a key)")
    @GetMapping("/apps/{appId}/channels")
    List<ChannelAccountView> channels(@PathVariable String appId) {
        return channels.views(appId);
    }
}
