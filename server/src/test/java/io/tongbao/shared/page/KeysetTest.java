package io.tongbao.shared.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.shared.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysetTest {

    @Test
    void aCursorIsUrlSafeAndReadsBackAsItsSortKeys() {
        SortKey key = new SortKey(Instant.parse("2026-12-03T14:05:09.123456Z"), "whd_0123456789abcdefghjk");

        String cursor = key.encode();

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(SortKey.decode(cursor)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor", "bm9fc2VwYXJhdG9y", "MjAyNi0xMi0wM1QxNDowNTowOVp8", "fGlk"})
    void aCursorThatDoesNotDecodeIsTheCallersMistake(String cursor) {
        assertThatThrownBy(() -> SortKey.decode(cursor))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("cursor");
    }

    @Test
    void aForgedCursorOutsideWhatTheDatabaseHoldsIsRefusedBeforeTheQuery() {
        String farFuture = encode("+1000000000-12-31T23:59:59Z|whd_1");
        assertThatThrownBy(() -> SortKey.decode(farFuture)).isInstanceOf(ApiException.class);

        String textForANumber = new SortKey(Instant.parse("2026-12-03T00:00:00Z"), "1; drop").encode();
        Keyset keyset = new Keyset(PageRequest.next(textForANumber, 10));
        assertThatThrownBy(() -> keyset.condition("created_at", "id", "bigint")).isInstanceOf(ApiException.class);
        assertThat(keyset.condition("created_at", "id", "text")).contains(":cursor_id");
    }

    @Test
    void aLimitOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PageRequest.first(PageRequest.MAX_LIMIT + 1)).isInstanceOf(ApiException.class);
    }

    private static String encode(String keys) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getBytes(StandardCharsets.UTF_8));
    }
}
