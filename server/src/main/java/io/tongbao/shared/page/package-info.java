/**
 * Keyset pagination shared by every module's read queries: a {@link io.tongbao.shared.page.PageRequest} in (an
 * opaque cursor, a direction, a limit), a {@link io.tongbao.shared.page.Page} out (the rows, the cursors of the pages
 * on either side). Lists are newest first, ordered by a time and an id so that equal times still have one order.
 */
@NullMarked
package io.tongbao.shared.page;

import org.jspecify.annotations.NullMarked;
