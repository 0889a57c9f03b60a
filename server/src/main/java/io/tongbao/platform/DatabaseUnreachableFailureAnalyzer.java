package io.tongbao.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable database into the short "APPLICATION FAILED TO START" explanation, not a stack trace. */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Start PostgreSQL or correct TONGBAO_DB_URL, TONGBAO_DB_USER and TONGBAO_DB_PASSWORD. "
                        + "Unset TONGBAO_DB_URL to run on the embedded PostgreSQL in the data folder instead.",
                cause);
    }
}
