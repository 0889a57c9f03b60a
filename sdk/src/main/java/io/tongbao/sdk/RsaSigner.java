package io.tongbao.sdk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** RSA2 (SHA256withRSA): the merchant signs with its own key, Tongbao answers with the app's platform key. */
final class RsaSigner implements Signer {

    private final PrivateKey merchantKey;
    private final PublicKey platformKey;

    RsaSigner(PrivateKey merchantKey, PublicKey platformKey) {
        this.merchantKey = merchantKey;
        this.platformKey = platformKey;
    }

    @Override
    public String sign(String canonical) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(merchantKey);
            signature.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the merchant private key", e);
        }
    }

    @Override
    public boolean verifyResponse(String canonical, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(platformKey);
            verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
