package io.tongbao.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, one connection per request. A fuzzer has to send what well-behaved clients refuse
 * to (invalid percent-encoding, NUL, bytes outside ASCII in the request line, duplicate or contradictory headers),
 * so the request goes out exactly as given and only the answer is parsed.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final Pattern HTTP_09_STATUS = Pattern.compile("<title>HTTP Status (\\d{3})");
    private static final Pattern HTTP_09_ERROR_CODE = Pattern.compile("^\\{\"code\":\"([A-Z_]+)\"");

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * {@code headers}: lower-cased names, the first value of each. {@code status} 0: no answer at all. A request line
     * without an HTTP version is HTTP/0.9 to Tomcat, which then answers with a bare body (its error page): the status
     * is read from that page's title, and there are no headers.
     */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Response send(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                // the end of the request, whatever its headers claim: a Content-Length longer than the body must not
                // leave the server waiting for bytes that never come
                socket.shutdownOutput();
            } catch (IOException resetWhileSending) {
                // the server may answer and close before reading a large or malformed request: read what it said
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    /** The status an error code of the documented shape stands for, as far as the oracle needs it: 4xx or 5xx. */
    private static int statusOf(String code) {
        return switch (code) {
            case "INTERNAL_ERROR" -> 500;
            case "SERVICE_BUSY" -> 503;
            case "NOT_IMPLEMENTED" -> 501;
            case "HTTP_VERSION_NOT_SUPPORTED" -> 505;
            default -> 400;
        };
    }

    static Response parse(byte[] raw) {
        if (raw.length == 0) {
            return new Response(0, Map.of(), raw);
        }
        if (!new String(raw, 0, Math.min(raw.length, 5), StandardCharsets.ISO_8859_1).equals("HTTP/")) {
            String bare = new String(raw, StandardCharsets.ISO_8859_1);
            Matcher code = HTTP_09_ERROR_CODE.matcher(bare);
            if (code.find()) {
                // the application's error report (JSON in the documented shape): HTTP/0.9 has no status line, the code
                // tells a refusal from a failure
                return new Response(statusOf(code.group(1)), Map.of("content-type", "application/json"), raw);
            }
            Matcher title = HTTP_09_STATUS.matcher(bare);
            return new Response(
                    title.find() ? Integer.parseInt(title.group(1)) : 0, Map.of("content-type", "text/html"), raw);
        }
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (headEnd < 0) {
            return new Response(0, Map.of(), raw);
        }
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = statusLine.length >= 2 ? Integer.parseInt(statusLine[1]) : 0;
        } catch (NumberFormatException e) {
            status = 0;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeField.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            body.write(chunked, start, Math.min(size, chunked.length - start));
            at = start + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
