package io.tongbao.shared.crypto;

/**
 * A module's secrets sealed with {@link SecretCipher}. The last step of a master-key rotation (docs/security.md)
 * re-seals every implementation's values under the primary key, without knowing the modules that hold them.
 */
public interface SealedSecrets {

    /** How the re-sealing answer names these secrets, in snake case (e.g. {@code hmac_secrets}). */
    String name();

    /** Re-seals every value still sealed under an older master key; returns how many. Safe to run again. */
    int reseal();
}
