package io.tongbao.merchant;

/** One version of an HMAC app's secret, in clear: never log it (toString masks it). */
public record HmacSecret(int version, String secret) {

    @Override
    public String toString() {
        return "HmacSecret[version=" + version + ", secret=****]";
    }
}
