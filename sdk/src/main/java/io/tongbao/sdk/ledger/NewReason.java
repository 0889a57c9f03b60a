package io.tongbao.sdk.ledger;

import java.util.Set;

/** Kind sets (USER, MERCHANT, SYSTEM) restrict who may pay and receive under the reason; null or empty means any. */
public record NewReason(int code, String description, Set<String> payerKinds, Set<String> payeeKinds) {

    public static NewReason of(int code, String description) {
        return new NewReason(code, description, null, null);
    }
}
