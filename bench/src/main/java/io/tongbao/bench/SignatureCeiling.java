package io.tongbao.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many SHA256withRSA (2048-bit) signatures this machine makes per second with every core busy, and nothing
 * else: the one cost of an Alipay round trip that no server change can remove. The protocol asks for three per round
 * trip (Tongbao signs the {@code precreate} request, Alipay signs its answer and its notification), so a third of this
 * rate is the most round trips per second the machine could do even if HTTP, JSON and PostgreSQL cost nothing.
 */
final class SignatureCeiling {

    static final int SIGNATURES_PER_ROUND_TRIP = 3;

    private SignatureCeiling() {}

    /** Signatures per second over {@code seconds}, one signing thread per core. */
    static double signaturesPerSecond(Duration duration) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        byte[] content = new byte[600]; // about the size of a precreate request's string to sign
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicLong signed = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        Signature signature = Signature.getInstance("SHA256withRSA");
                        signature.initSign(keys.getPrivate());
                        signature.update(content);
                        signature.sign();
                        signed.incrementAndGet();
                    }
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return signed.get() / ((System.nanoTime() - started) / 1e9);
    }
}
