package io.tongbao.merchant;

import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What other modules may do with merchants and apps: look an app up (an unknown one is a 404, as on the operator
 * API), and open a merchant with an HMAC app in one step, as the demo does.
 */
@Service
public class Tenants {

    private final Onboarding onboarding;
    private final MerchantStore store;

    Tenants(Onboarding onboarding, MerchantStore store) {
        this.onboarding = onboarding;
        this.store = store;
    }

    /** The app, or a 404 {@code ApiException} naming it. */
    public App app(String appId) {
        return onboarding.app(appId);
    }

    /** The oldest app of any merchant with this name. */
    public Optional<App> firstAppOfMerchantNamed(String merchantName) {
        return store.firstAppOfMerchantNamed(merchantName);
    }

    /** A new active merchant with one HMAC app; its secret is in the answer only. */
    public HmacTenant openWithHmacApp(String merchantName, String appName) {
        Merchant merchant = onboarding.createMerchant(merchantName);
        Onboarding.AppCreated created = onboarding.createApp(merchant.id(), appName, null, SignType.HMAC_SHA256, null);
        return new HmacTenant(
                merchant,
                created.app(),
                Objects.requireNonNull(created.hmacSecret(), "an HMAC app is created with its secret"));
    }

    public record HmacTenant(Merchant merchant, App app, String hmacSecret) {
        @Override
        public String toString() {
            return "HmacTenant[merchant=" + merchant + ", app=" + app + ", hmacSecret=****]";
        }
    }
}
