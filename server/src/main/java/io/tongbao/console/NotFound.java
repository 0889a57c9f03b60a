package io.tongbao.console;

/**
 * What the console answers for an object that does not exist or that the user may not see (another merchant's):
 * the same 404 page either way, so that nothing tells the two apart.
 */
final class NotFound extends RuntimeException {

    NotFound() {
        super("not found", null, false, false);
    }
}
