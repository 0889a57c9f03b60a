package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** The bulkhead: hashes beyond the configured number wait their turn only briefly, then are answered 503. */
class PasswordHashingTest {

    final PasswordHashing hashing = new PasswordHashing(
            PasswordEncoderFactories.createDelegatingPasswordEncoder(),
            new OperatorLoginProperties(
                    10,
                    Duration.ofMinutes(15),
                    10,
                    30,
                    Duration.ofMinutes(1),
                    1,
                    Duration.ofMillis(200),
                    Duration.ofMinutes(1)));

    @Test
    void aHashBeyondTheConcurrentLimitIsRefusedAsBusyAfterItsWaitAndTheTurnIsFreeAgainAfterwards() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> hashing.withTurn(() -> {
            inside.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> hashing.matches("password", "{noop}password"))
                .isInstanceOfSatisfying(LoginRefused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(refused.code()).isEqualTo("SERVICE_BUSY");
                    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
                });

        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(hashing.matches("password", "{noop}password")).isTrue();
    }
}
