package io.tongbao.sandbox.support;

import io.tongbao.sandbox.SandboxProperties;
import java.security.KeyPair;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The channel keys every registered Alipay app and WeChat Pay merchant gets of its own. An RSA-2048 pair costs
 * 50-100 ms to make, so a few are made ahead on one background thread and a registration takes a ready one; when
 * registrations come faster than that, the registration makes its own. Keys live in memory only, like every
 * other sandbox key.
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
public class RsaKeyPool implements DisposableBean {

    static final int READY = 4;

    private final BlockingQueue<KeyPair> ready = new ArrayBlockingQueue<>(READY);
    private final ExecutorService filler = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("sandbox-rsa-keys").factory());

    public RsaKeyPool() {
        refill();
    }

    public KeyPair take() {
        KeyPair keys = ready.poll();
        refill();
        return keys != null ? keys : Rsa.generate();
    }

    private void refill() {
        try {
            filler.execute(() -> {
                while (ready.remainingCapacity() > 0 && !Thread.currentThread().isInterrupted()) {
                    ready.offer(Rsa.generate());
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the sandbox is stopping: nobody will take these keys
        }
    }

    @Override
    public void destroy() {
        filler.shutdownNow();
    }
}
