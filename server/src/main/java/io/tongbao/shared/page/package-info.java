/**
 * Keyset pagination for the console's lists: a page is asked for with an opaque cursor and a direction, and answers
 * its rows with the cursors of the pages around it. A cursor is the URL-safe base64 of the sort keys of the row it
 * starts after, so a list stays stable while rows are added and never counts what it skips.
 */
@NullMarked
package io.tongbao.shared.page;

import org.jspecify.annotations.NullMarked;
