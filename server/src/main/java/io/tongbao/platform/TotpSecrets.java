package io.tongbao.platform;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import io.tongbao.shared.crypto.SealedSecrets;
import io.tongbao.shared.crypto.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The optional second factor of a login: RFC 6238 codes (6 digits, 30 s, SHA-1: what authenticator apps read),
 * made by the samstevens TOTP library and checked against the injected clock, one step either side for clock drift;
 * each code is accepted once. The users' secrets are sealed with the master key like every stored secret.
 */
@Component
class TotpSecrets implements SealedSecrets {

    private static final String ISSUER = "Tongbao";
    private static final long PERIOD_SECONDS = 30;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
    private final Clock clock;

    TotpSecrets(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
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

    /** The 30-second step, within one of now (clock drift), that the code was made for; empty when none. */
    OptionalLong step(String secret, @Nullable String code) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long now = clock.instant().getEpochSecond() / PERIOD_SECONDS;
        for (long step = now - 1; step <= now + 1; step++) {
            if (MessageDigest.isEqual(
                    codeFor(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    boolean matches(String secret, @Nullable String code) {
        return step(secret, code).isPresent();
    }

    /**
     * Whether the code is the user's and has not been accepted before: the step it was made for must be later than
     * the last one accepted (a guarded update, so two logins racing with one code accept it once).
     */
    boolean acceptSealed(String username, String sealedSecret, @Nullable String code) {
        OptionalLong step = step(cipher.decrypt(sealedSecret, context(username)), code);
        return step.isPresent() && used(username, step.getAsLong());
    }

    /** Stores the secret of a confirmed enrolment; the code that confirmed it counts as used. */
    void store(String username, String secret, long confirmedStep) {
        jdbc.sql("""
                        update console_user set totp_secret = :sealed, totp_last_step = :step
                        where username = :username""")
                .param("sealed", cipher.encrypt(secret, context(username)))
                .param("step", confirmedStep)
                .param("username", username)
                .update();
    }

    private boolean used(String username, long step) {
        return jdbc.sql("""
                                update console_user set totp_last_step = :step
                                where username = :username and (totp_last_step is null or totp_last_step < :step)""").param("step", step).param("username", username).update() == 1;
    }

    private String codeFor(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException malformedSecret) {
            throw new IllegalStateException("a stored TOTP secret is not base32", malformedSecret);
        }
    }

    void remove(String username) {
        jdbc.sql("update console_user set totp_secret = null, totp_last_step = null where username = :username")
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
