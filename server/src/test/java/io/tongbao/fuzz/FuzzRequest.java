package io.tongbao.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fuzz input read as an HTTP request: a first line {@code METHOD TARGET}, header lines, an empty line, the body
 * (lines end with LF or CRLF). The committed seeds are readable requests in this form, and the fuzzer mutates bytes
 * anywhere in them. Placeholders such as <code>{payment}</code> are replaced with ids of the fixture's objects, so that
 * seeds reach real rows although ids differ from run to run.
 *
 * <p>The head is read as ISO-8859-1, byte for byte, so that what goes on the wire is exactly what the fuzzer made.
 */
record FuzzRequest(String method, String target, List<Header> headers, byte[] body) {

    record Header(String name, String value) {

        boolean named(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    /** Null when the input does not start with a request line: then it is a body, for the caller to frame. */
    static FuzzRequest parse(byte[] input, Map<String, String> placeholders) {
        String text = substitute(new String(input, StandardCharsets.ISO_8859_1), placeholders);
        int firstLineEnd = text.indexOf('\n');
        String firstLine = stripCr(firstLineEnd < 0 ? text : text.substring(0, firstLineEnd));
        int space = firstLine.indexOf(' ');
        if (space <= 0 || !firstLine.substring(0, space).chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return null;
        }
        String method = firstLine.substring(0, space);
        String target = firstLine.substring(space + 1);
        List<Header> headers = new ArrayList<>();
        int at = firstLineEnd < 0 ? text.length() : firstLineEnd + 1;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            String line = stripCr(end < 0 ? text.substring(at) : text.substring(at, end));
            at = end < 0 ? text.length() : end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            headers.add(
                    colon < 0
                            ? new Header(line, "")
                            : new Header(
                                    line.substring(0, colon),
                                    line.substring(colon + 1).strip()));
        }
        return new FuzzRequest(method, target, headers, latin1(text.substring(Math.min(at, text.length()))));
    }

    String path() {
        int question = target.indexOf('?');
        return question < 0 ? target : target.substring(0, question);
    }

    /** The raw query, or null when the target has no {@code ?}. */
    String query() {
        int question = target.indexOf('?');
        return question < 0 ? null : target.substring(question + 1);
    }

    String header(String name) {
        return headers.stream()
                .filter(h -> h.named(name))
                .map(Header::value)
                .findFirst()
                .orElse(null);
    }

    /** Whether {@link #wire()} sets the Content-Length: the input has neither its own nor a Transfer-Encoding. */
    boolean framedByHarness() {
        return header("Content-Length") == null && header("Transfer-Encoding") == null;
    }

    FuzzRequest without(String name) {
        return new FuzzRequest(
                method, target, headers.stream().filter(h -> !h.named(name)).toList(), body);
    }

    FuzzRequest with(String name, String value) {
        List<Header> more = new ArrayList<>(without(name).headers);
        more.add(new Header(name, value));
        return new FuzzRequest(method, target, more, body);
    }

    /**
     * The bytes to send: the request line, a Host header unless the input has one, the input's headers, a
     * Content-Length unless the input frames the body itself, and {@code Connection: close} so that a request that
     * leaves the connection in an unknown state never affects the next case.
     */
    byte[] wire() {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (header("Host") == null) {
            head.append("Host: localhost\r\n");
        }
        for (Header header : headers) {
            if (!header.named("Connection")) {
                head.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
        }
        if (framedByHarness()) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream wire = new ByteArrayOutputStream(head.length() + body.length);
        wire.writeBytes(latin1(head.toString()));
        wire.writeBytes(body);
        return wire.toByteArray();
    }

    /** For the findings file: the request as it was sent, shortened, with control characters made visible. */
    String describe(int limit) {
        String wire = new String(wire(), StandardCharsets.ISO_8859_1);
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < wire.length() && shown.length() < limit; i++) {
            char c = wire.charAt(i);
            if (c == '\n') {
                shown.append("\\n\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                shown.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return wire.length() > limit ? shown + "… (" + wire.length() + " bytes)" : shown.toString();
    }

    static String substitute(String text, Map<String, String> placeholders) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            result = result.replace("{" + placeholder.getKey() + "}", placeholder.getValue());
        }
        return result;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
