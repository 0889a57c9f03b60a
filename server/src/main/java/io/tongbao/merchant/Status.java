package io.tongbao.merchant;

/** Merchants and apps are either active or suspended; a suspended one's API calls get 403. */
public enum Status {
    ACTIVE,
    SUSPENDED
}
