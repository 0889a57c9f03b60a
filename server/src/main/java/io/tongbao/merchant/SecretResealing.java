package io.tongbao.merchant;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The last step of a master-key rotation (docs/security.md): re-seal every stored secret under the new
 * primary key, after which the old key can be removed from the configuration. Safe to run again.
 */
@RestController
class SecretResealing {

    private final HmacSecrets hmacSecrets;
    private final PlatformKeys platformKeys;
    private final ChannelAccounts channelAccounts;

    SecretResealing(HmacSecrets hmacSecrets, PlatformKeys platformKeys, ChannelAccounts channelAccounts) {
        this.hmacSecrets = hmacSecrets;
        this.platformKeys = platformKeys;
        this.channelAccounts = channelAccounts;
    }

    record Resealed(int hmacSecrets, int platformKeys, int channelAccounts) {
    }

    @Operation(summary = "Re-seal every stored secret under the primary master key (the last step of a key rotation)")
    @PostMapping("/api/operator/maintenance/reseal-secrets")
    Resealed reseal() {
        return new Resealed(hmacSecrets.reseal(), platformKeys.reseal(), channelAccounts.reseal());
    }
}
