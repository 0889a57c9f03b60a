package io.tongbao.platform;

/**
 * The one role a console or operator-API user holds. Operators run the platform; merchant staff act inside their
 * own merchant only. What each role may do is {@link Permissions}.
 */
public enum Role {
    ADMIN(Kind.OPERATOR),
    FINANCE(Kind.OPERATOR),
    SUPPORT(Kind.OPERATOR),
    AUDITOR(Kind.OPERATOR),
    OWNER(Kind.MERCHANT),
    MERCHANT_FINANCE(Kind.MERCHANT),
    DEVELOPER(Kind.MERCHANT),
    STAFF(Kind.MERCHANT);

    /** Who holds the role: the platform's operators or a merchant's staff. */
    public enum Kind {
        OPERATOR,
        MERCHANT
    }

    private final Kind kind;

    Role(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isOperator() {
        return kind == Kind.OPERATOR;
    }

    /** The Spring Security authority naming this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
