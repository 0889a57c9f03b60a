package io.tongbao.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.tongbao.shared.crypto.SealedSecrets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    @PostMapping("/api/operator/maintenance/reseal-secrets")
    Map<String, Integer> reseal() {
        Map<String, Integer> resealed = new TreeMap<>();
        holders.forEach(holder -> resealed.put(holder.name(), holder.reseal()));
        return resealed;
    }
}
