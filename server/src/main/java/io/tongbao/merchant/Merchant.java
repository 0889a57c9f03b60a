package io.tongbao.merchant;

import java.time.OffsetDateTime;

public record Merchant(String id, String name, Status status, OffsetDateTime createdAt) {}
