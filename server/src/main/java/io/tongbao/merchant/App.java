package io.tongbao.merchant;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An app as other modules and the APIs see it: never a secret. */
public record App(
        String id,
        String merchantId,
        String name,
        @Nullable String notifyUrl,
        Status status,
        SignType signType,
        OffsetDateTime createdAt) {}
