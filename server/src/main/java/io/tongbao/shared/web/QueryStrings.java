package io.tongbao.shared.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads a raw query string (as sent, percent-encoded) strictly: what is wrong with it, and its parameter names. */
final class QueryStrings {

    private static final int MAX_NAME_IN_MESSAGE = 64;

    private QueryStrings() {}

    /** Why the query cannot be read, naming the parameter; empty when every name and value decodes cleanly. */
    static Optional<String> problem(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String part : rawQuery.split("&", -1)) {
            int equals = part.indexOf('=');
            String rawName = equals < 0 ? part : part.substring(0, equals);
            String rawValue = equals < 0 ? "" : part.substring(equals + 1);
            Decoded name = decode(rawName);
            String shownName = name.problem() == null ? shown(name.text()) : shown(rawName);
            String problem =
                    name.problem() != null ? name.problem() : decode(rawValue).problem();
            if (problem != null) {
                return Optional.of((shownName.isEmpty() ? "query string" : shownName) + ": " + problem);
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a raw request path's percent-encoding, if anything. The container decodes the path itself but
     * not its {@code ;name=value} parameters, which Spring decodes later and fails on (a 500) when an escape is cut.
     */
    static Optional<String> pathProblem(String rawPath) {
        if (rawPath == null || rawPath.indexOf('%') < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(decode(rawPath).problem()).map(problem -> "the path: " + problem);
    }

    /** The decoded names of the parameters in the query; assumes {@link #problem} found none. */
    static Set<String> names(String rawQuery) {
        Set<String> names = new LinkedHashSet<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return names;
        }
        for (String part : rawQuery.split("&")) {
            int equals = part.indexOf('=');
            Decoded name = decode(equals < 0 ? part : part.substring(0, equals));
            if (name.problem() == null && !name.text().isEmpty()) {
                names.add(name.text());
            }
        }
        return names;
    }

    /** As the servlet container decodes parameters: {@code %XX} as UTF-8 bytes, {@code +} as a space. */
    private static Decoded decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return Decoded.failed("malformed percent-encoding: each % must be followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return Decoded.failed("percent-encoded bytes are not UTF-8");
        }
        if (text.indexOf('\0') >= 0) {
            return Decoded.failed("must not contain the NUL character (%00)");
        }
        return new Decoded(text, null);
    }

    private static String shown(String name) {
        String printable = name.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() > MAX_NAME_IN_MESSAGE ? printable.substring(0, MAX_NAME_IN_MESSAGE) + "…" : printable;
    }

    /** The decoded text, or (text empty) the problem that stopped the decoding. */
    private record Decoded(String text, @Nullable String problem) {
        static Decoded failed(String problem) {
            return new Decoded("", problem);
        }
    }
}
