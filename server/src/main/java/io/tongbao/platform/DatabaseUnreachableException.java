package io.tongbao.platform;

/** The configured PostgreSQL did not answer at start; {@link DatabaseUnreachableFailureAnalyzer} explains it. */
class DatabaseUnreachableException extends IllegalStateException {

    private final String redactedUrl;

    DatabaseUnreachableException(String redactedUrl, Throwable cause) {
        super("cannot reach PostgreSQL at " + redactedUrl + ": " + cause.getMessage(), cause);
        this.redactedUrl = redactedUrl;
    }

    String redactedUrl() {
        return redactedUrl;
    }
}
