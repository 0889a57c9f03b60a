package io.tongbao.shared.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.shared.page.PageRequest.Direction;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyset page arithmetic without a database: cursors, limits and which way a page was read. */
class PageTest {

    static final Instant AT = Instant.parse("2026-12-03T14:05:09.123456Z");

    record Row(Instant at, String id) {}

    @Test
    void aCursorRoundTripsAndIsUrlSafe() {
        Cursor cursor = new Cursor(AT, "pay_0123456789abcdefghjk");

        String encoded = cursor.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
    }

    @Test
    void whatIsNotACursorIsRefused() {
        String noSeparator = Base64.getUrlEncoder().encodeToString("2026-12-03T14:05:09Z".getBytes());
        String badTime = Base64.getUrlEncoder().encodeToString("yesterday|pay_x".getBytes());
        String emptyId = Base64.getUrlEncoder().encodeToString("2026-12-03T14:05:09Z|".getBytes());
        for (String bad : List.of("", "%%%", noSeparator, badTime, emptyId, "a".repeat(300))) {
            assertThatThrownBy(() -> Cursor.decode(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(PageRequest.of(badTime, "previous", 10))
                .as("from a URL: the first page")
                .isEqualTo(PageRequest.first(10));
    }

    @Test
    void aForgedCursorTheDatabaseWouldRefuseIsNoCursor() {
        String farFuture = Base64.getUrlEncoder().encodeToString("+1000000000-12-31T23:59:59Z|whd_1".getBytes());
        String nul = Base64.getUrlEncoder().encodeToString("2026-12-03T14:05:09Z|whd_\u0000".getBytes());
        for (String forged : List.of(farFuture, nul)) {
            assertThatThrownBy(() -> Cursor.decode(forged)).isInstanceOf(IllegalArgumentException.class);
            assertThat(PageRequest.of(forged, "next", 10)).isEqualTo(PageRequest.first(10));
        }
    }

    @Test
    void aCursorWhoseIdTheListCannotHaveIsTheFirstPage() {
        PageRequest textForANumber = new PageRequest(new Cursor(AT, "1; drop"), Direction.NEXT, 10);
        PageRequest number = new PageRequest(new Cursor(AT, "42"), Direction.NEXT, 10);

        assertThat(textForANumber.firstPageUnlessCursorId(id -> id.matches("[0-9]+")))
                .isEqualTo(PageRequest.first(10));
        assertThat(number.firstPageUnlessCursorId(id -> id.matches("[0-9]+"))).isEqualTo(number);
        assertThat(number.keysetCondition("created_at", "id", "bigint"))
                .isEqualTo("(created_at, id) < (:cursorAt, cast(:cursorId as bigint))");
        assertThat(PageRequest.first(10).keysetCondition("created_at", "id", "bigint"))
                .isEqualTo("true");
    }

    @Test
    void theLimitIsKeptWithinItsBoundsAndDefaults() {
        assertThat(PageRequest.first(0).limit()).isEqualTo(1);
        assertThat(PageRequest.first(10_000).limit()).isEqualTo(PageRequest.MAX_LIMIT);
        assertThat(PageRequest.of(null, null, null).limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
    }

    @Test
    void aForwardPageKnowsWhetherThereIsMoreFromTheExtraRow() {
        PageRequest first = PageRequest.first(2);
        List<Row> read = List.of(row("c"), row("b"), row("a"));

        Page<Row> page = Page.of(read, first, PageTest::key);

        assertThat(page.rows()).containsExactly(row("c"), row("b"));
        assertThat(Cursor.decode(page.next())).isEqualTo(key(row("b")));
        assertThat(page.previous()).isNull();
        assertThat(Page.of(read.subList(0, 2), first, PageTest::key).next()).isNull();
    }

    @Test
    void aBackwardPageIsTurnedNewestFirst() {
        PageRequest back = new PageRequest(key(row("a")), Direction.PREVIOUS, 2);
        assertThat(back.keysetCondition("t", "i")).isEqualTo("(t, i) > (:cursorAt, :cursorId)");
        assertThat(back.order("t", "i")).isEqualTo("t asc, i asc");

        Page<Row> page = Page.of(List.of(row("b"), row("c"), row("d")), back, PageTest::key);

        assertThat(page.rows()).containsExactly(row("c"), row("b"));
        assertThat(Cursor.decode(page.next())).isEqualTo(key(row("b")));
        assertThat(Cursor.decode(page.previous())).isEqualTo(key(row("c")));
        assertThat(Page.of(List.of(row("b")), back, PageTest::key).previous())
                .as("nothing newer")
                .isNull();
    }

    private static Row row(String id) {
        return new Row(AT, id);
    }

    private static Cursor key(Row row) {
        return new Cursor(row.at(), row.id());
    }
}
