/**
 * The audit trail every module writes its changes to: who changed what, from where, before and after. The
 * platform keeps it append-only and hash-chained; modules see only this port.
 */
@NullMarked
package io.tongbao.shared.audit;

import org.jspecify.annotations.NullMarked;
