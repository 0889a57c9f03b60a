package io.tongbao.sandbox.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A self-signed X.509 v3 certificate written in DER by hand. The JDK can read certificates but has no public API
 * to make one, and WeChat Pay's SDK does not validate the chain, so a minimal certificate is all the sandbox needs
 * for platform-certificate mode without pulling in a crypto library.
 */
public final class SelfSignedCertificate {

    private static final int[] SHA256_WITH_RSA = {1, 2, 840, 113549, 1, 1, 11};
    private static final int[] COMMON_NAME = {2, 5, 4, 3};
    private static final int[] ORGANIZATION = {2, 5, 4, 10};
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {}

    public static X509Certificate create(
            KeyPair keys,
            BigInteger serial,
            String organization,
            String commonName,
            Instant notBefore,
            Instant notAfter) {
        byte[] algorithm = sequence(oid(SHA256_WITH_RSA), new byte[] {0x05, 0x00});
        byte[] name = sequence(
                set(sequence(oid(ORGANIZATION), utf8(organization))),
                set(sequence(oid(COMMON_NAME), utf8(commonName))));
        byte[] tbs = sequence(
                tagged(0, integer(BigInteger.TWO)),
                integer(serial),
                algorithm,
                name,
                sequence(utcTime(notBefore), utcTime(notAfter)),
                name,
                keys.getPublic().getEncoded());
        try {
            Signature signer = Signature.getInstance(Rsa.SHA256);
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = sequence(tbs, algorithm, bitString(signer.sign()));
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the sandbox's self-signed certificate", e);
        }
    }

    private static byte[] sequence(byte[]... parts) {
        return element(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return element(0x31, concat(parts));
    }

    private static byte[] tagged(int number, byte[] content) {
        return element(0xA0 | number, content);
    }

    private static byte[] integer(BigInteger value) {
        return element(0x02, value.toByteArray());
    }

    private static byte[] utf8(String text) {
        return element(0x0C, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] utcTime(Instant instant) {
        return element(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1];
        System.arraycopy(bits, 0, content, 1, bits.length);
        return element(0x03, content);
    }

    private static byte[] oid(int[] arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, arcs[i]);
        }
        return element(0x06, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, int value) {
        int groups = 1;
        for (int rest = value >>> 7; rest != 0; rest >>>= 7) {
            groups++;
        }
        for (int group = groups - 1; group >= 0; group--) {
            int bits = (value >>> (7 * group)) & 0x7F;
            out.write(group == 0 ? bits : bits | 0x80);
        }
    }

    private static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] lengthBytes = BigInteger.valueOf(length).toByteArray();
            int skip = lengthBytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (lengthBytes.length - skip));
            out.write(lengthBytes, skip, lengthBytes.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
