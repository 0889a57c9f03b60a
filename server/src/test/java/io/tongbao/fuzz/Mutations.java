package io.tongbao.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deterministic hostile variants of a seed, for the run in the normal build (Jazzer only replays the committed
 * inputs there): each variant splices in one to three of the values the malformed requests were made of, at
 * places drawn from a generator seeded by the seed's own bytes, so a failing variant is the same on every run.
 */
final class Mutations {

    /** Encodings, NULs, number forms, nesting, separators: what answered 500 before (issue 12, item 5). */
    private static final List<String> HOSTILE = List.of(
            "%ff",
            "%00",
            "%zz",
            "%",
            "%u0041",
            "\\u0000",
            "\u0000",
            "19.99",
            "1e3",
            "\" 12 \"",
            "-1",
            "0",
            "9223372036854775808",
            "1.5",
            "\"19.99\"",
            "null",
            "true",
            "[]",
            "{}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":",
            "\"",
            "\\",
            "&",
            "=",
            "&&&",
            "+",
            ";x=1",
            "//",
            "/../",
            "\r\n",
            "\n\n",
            "\u00e9",
            "\u00ff\u00fe",
            "\u00c3\u0028",
            "application/*",
            "multipart/form-data",
            "text/plain",
            "charset=klingon",
            "a\u0000b");

    private Mutations() {}

    static List<byte[]> of(byte[] seed, int count) {
        List<byte[]> variants = new ArrayList<>(count);
        Random random = new Random(Arrays.hashCode(seed));
        for (int i = 0; i < count; i++) {
            byte[] variant = seed;
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                variant = edit(variant, random);
            }
            variants.add(variant);
        }
        return variants;
    }

    private static byte[] edit(byte[] input, Random random) {
        int at = input.length == 0 ? 0 : random.nextInt(input.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 64);
        switch (random.nextInt(6)) {
            case 0, 1, 2 -> { // insert a hostile value
                out.write(input, 0, at);
                out.writeBytes(HOSTILE.get(random.nextInt(HOSTILE.size())).getBytes(StandardCharsets.ISO_8859_1));
                out.write(input, at, input.length - at);
            }
            case 3 -> { // replace a run of bytes with a hostile value
                int end = Math.min(input.length, at + 1 + random.nextInt(8));
                out.write(input, 0, at);
                out.writeBytes(HOSTILE.get(random.nextInt(HOSTILE.size())).getBytes(StandardCharsets.ISO_8859_1));
                out.write(input, end, input.length - end);
            }
            case 4 -> { // a byte flipped
                out.writeBytes(input);
                byte[] flipped = out.toByteArray();
                if (flipped.length > 0) {
                    flipped[Math.min(at, flipped.length - 1)] ^= (byte) (1 << random.nextInt(8));
                }
                return flipped;
            }
            default -> { // a huge field (1 KiB to 128 KiB)
                out.write(input, 0, at);
                byte[] filler = "A".repeat(1 << (10 + random.nextInt(8))).getBytes(StandardCharsets.ISO_8859_1);
                out.writeBytes(filler);
                out.write(input, at, input.length - at);
            }
        }
        return out.toByteArray();
    }
}
