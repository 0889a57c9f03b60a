package io.tongbao.support.browser;

/** The languages the console is shown in, Chinese first; {@link #tag()} is what {@code ?lang=} takes. */
public enum ConsoleLanguage {
    ZH_CN("zh-CN"),
    EN("en");

    private final String tag;

    ConsoleLanguage(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
