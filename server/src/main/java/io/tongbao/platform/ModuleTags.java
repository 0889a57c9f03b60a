package io.tongbao.platform;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Tags each operation with the application module its handler belongs to (the package under io.tongbao), so the
 * description reads by module, as docs/*.md do, without a tag on every controller.
 */
final class ModuleTags implements OperationCustomizer {

    static final List<Tag> TAGS = List.of(
            new Tag().name("payment").description("Unified orders, payments and refunds (docs/payments.md)"),
            new Tag()
                    .name("ledger")
                    .description(
                            "Points: types, accounts, transfers, holds, conversions, " + "statements (docs/ledger.md)"),
            new Tag().name("webhook").description("Events, deliveries and webhook settings (docs/webhooks.md)"),
            new Tag()
                    .name("merchant")
                    .description("Apps and merchants: the calling app, onboarding, credentials, "
                            + "channel accounts, fee rates (docs/api.md)"),
            new Tag()
                    .name("platform")
                    .description(
                            "The operator's own account; re-sealing stored secrets after a " + "master-key rotation"));

    private static final Map<String, String> PACKAGE_TAGS = Map.of(
            "io.tongbao.payment",
            "payment",
            "io.tongbao.ledger",
            "ledger",
            "io.tongbao.webhook",
            "webhook",
            "io.tongbao.merchant",
            "merchant",
            "io.tongbao.platform",
            "platform",
            // channel accounts are set on an app, beside its credentials and fee rates
            "io.tongbao.channel",
            "merchant");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        String module = PACKAGE_TAGS.get(handler.getBeanType().getPackageName());
        if (module != null) {
            operation.setTags(List.of(module));
        }
        return operation;
    }
}
