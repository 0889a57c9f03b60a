package io.tongbao.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tongbao.shared.crypto.SealedSecrets;
import io.tongbao.shared.crypto.SecretCipher;
import io.tongbao.shared.web.ApiError;
import io.tongbao.shared.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The last step of a master-key rotation (docs/security.md): re-seal every stored secret under the new
 * primary key, after which the old key can be removed from the configuration. Safe to run again.
 */
@RestController
class SecretResealing {

    private final List<SealedSecrets> holders;

    SecretResealing(List<SealedSecrets> holders) {
        this.holders = holders;
    }

    /** How many values each holder re-sealed, by its name (e.g. {@code hmac_secrets}). */
    @Operation(summary = "Re-seal every stored secret under the primary master key (the last step of a key rotation)")
    @ApiResponse(
            responseCode = "409",
            description =
                    "SECRETS_UNDER_UNKNOWN_KEY: some secrets are sealed under a master key that is not configured "
                            + "(tongbao.security.previous-master-keys); the others were re-sealed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/operator/maintenance/reseal-secrets")
    Map<String, Integer> reseal() {
        Map<String, Integer> resealed = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        for (SealedSecrets holder : holders) {
            try {
                resealed.put(holder.name(), holder.reseal());
            } catch (SecretCipher.SecretDecryptionException unknownKey) {
                // the message names the key by its fingerprint, never a secret
                unreadable.add(holder.name() + ": " + unknownKey.getMessage());
            }
        }
        if (!unreadable.isEmpty()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "SECRETS_UNDER_UNKNOWN_KEY",
                    "re-sealed " + resealed + "; not readable: " + String.join("; ", unreadable));
        }
        return resealed;
    }
}
