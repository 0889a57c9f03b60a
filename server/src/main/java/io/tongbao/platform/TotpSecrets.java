package io.tongbao.platform;

import dev.samstevens.totp.code.CodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import io.tongbao.shared.crypto.SealedSecrets;
import io.tongbao.shared.crypto.SecretCipher;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The optional second factor of a login: RFC 6238 codes (6 digits, 30 s, SHA-1: what authenticator apps read),
 * checked by the samstevens TOTP library against the injected clock, one step either side for clock drift. The
 * users' secrets are sealed with the master key like every stored secret.
 */
@Component
class TotpSecrets implements SealedSecrets {

    private static final String ISSUER = "Tongbao";

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final CodeVerifier verifier;

    TotpSecrets(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        DefaultCodeVerifier verifier = new DefaultCodeVerifier(
                new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6),
                () -> clock.instant().getEpochSecond());
        verifier.setTimePeriod(30);
        verifier.setAllowedTimePeriodDiscrepancy(1);
        this.verifier = verifier;
    }

    /** A new secret (base32), not yet stored: stored only once the user shows a code made from it. */
    String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** The {@code otpauth://} URI an authenticator app scans. */
    String enrolmentUri(String username, String secret) {
        return new QrData.Builder()
                .label(username)
                .secret(secret)
                .issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(6)
                .period(30)
                .build()
                .getUri();
    }

    boolean matches(String secret, @Nullable String code) {
        return code != null && code.matches("\\d{6}") && verifier.isValidCode(secret, code);
    }

    boolean matchesSealed(String username, String sealedSecret, @Nullable String code) {
        return matches(cipher.decrypt(sealedSecret, context(username)), code);
    }

    void store(String username, String secret) {
        jdbc.sql("update console_user set totp_secret = :sealed where username = :username")
                .param("sealed", cipher.encrypt(secret, context(username)))
                .param("username", username)
                .update();
    }

    void remove(String username) {
        jdbc.sql("update console_user set totp_secret = null where username = :username")
                .param("username", username)
                .update();
    }

    @Override
    public String name() {
        return "totp_secrets";
    }

    @Override
    public int reseal() {
        List<String[]> rows = jdbc.sql("select username, totp_secret from console_user where totp_secret is not null")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        int count = 0;
        for (String[] row : rows) {
            if (cipher.needsReencryption(row[1])) {
                String context = context(row[0]);
                count += jdbc.sql("""
                                update console_user set totp_secret = :new
                                where username = :username and totp_secret = :old""")
                        .param("new", cipher.encrypt(cipher.decrypt(row[1], context), context))
                        .param("username", row[0])
                        .param("old", row[1])
                        .update();
            }
        }
        return count;
    }

    private static String context(String username) {
        return "user:" + username + ":totp";
    }
}
