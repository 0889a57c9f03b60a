package io.tongbao.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.ledger.LedgerRefusal.Code;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The HTTP status of every refusal code, as docs/ledger.md lists them (the answers themselves: LedgerApiTest). */
class LedgerWebRefusalsTest {

    @Test
    void eachCodeAnswersTheDocumentedStatus() {
        EnumSet<Code> conflicts = EnumSet.of(
                Code.TRANSFER_ID_REUSED,
                Code.ALREADY_REVERSED,
                Code.HOLD_NOT_PENDING,
                Code.HOLD_EXPIRED,
                Code.HOLD_NOT_DUE,
                Code.POINT_TYPE_EXISTS,
                Code.REASON_EXISTS,
                Code.CONCURRENT_UPDATE);
        for (Code code : Code.values()) {
            HttpStatus expected = code == Code.INVALID_PARAMETER
                    ? HttpStatus.BAD_REQUEST
                    : code == Code.NOT_FOUND
                            ? HttpStatus.NOT_FOUND
                            : conflicts.contains(code) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
            assertThat(LedgerWebRefusals.status(code)).as(code.name()).isEqualTo(expected);
        }
    }
}
