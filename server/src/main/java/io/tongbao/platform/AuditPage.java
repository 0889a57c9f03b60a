package io.tongbao.platform;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Entries newest first; {@code nextBeforeSeq} is the cursor of the next (older) page, null after the last. */
public record AuditPage(List<AuditEntry> entries, @Nullable Long nextBeforeSeq) {}
