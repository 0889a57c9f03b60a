package io.tongbao.ledger;

import java.time.Instant;

/** A point type as stored; immutable once created, so it is cached. */
record PointType(long id, String merchantId, String code, String name, int scale, String status, Instant createdAt) {}
