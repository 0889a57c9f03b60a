package io.tongbao.platform;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.tongbao.shared.web.MerchantCaller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * What /v3/api-docs says about Tongbao. It must describe the wire exactly (a client generated from it has to work):
 * field names as the application's mapper writes them ({@link WireNames}), and everything that holds for every
 * operation (authentication, idempotency, errors) added by {@link ApiDocsConventions}, not per controller.
 * ApiDescriptionTest checks real traffic against it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static {
        // resolved from the signature headers by MerchantCallerResolver: not a parameter the client sends
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(MerchantCaller.class);
    }

    @Bean
    OpenAPI tongbaoOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Tongbao API").version("v1").description("""
                                Tongbao's merchant API (under /api/v1) and operator API (under /api/operator).

                                Merchant API: JSON with snake_case field names; amounts are integers in minor units \
                                (fen). Every request is signed with the four Tongbao-* headers (security schemes \
                                appId, timestamp, nonce, signature; the string to sign is in docs/api.md), every \
                                answer after authentication is signed too, and POSTs take an Idempotency-Key. \
                                The SDK (tongbao-sdk) does all of this; a generated client must add the signature \
                                itself.

                                Operator API: HTTP Basic as an operator account.

                                Errors, on both: {"code","message","request_id"}; the codes are stable."""))
                .tags(ModuleTags.TAGS);
    }

    @Bean
    WireNames wireNames(JsonMapper applicationMapper) {
        return new WireNames(applicationMapper);
    }

    /** Describes models with the wire's names, ahead of swagger-core's default resolver. */
    @Bean
    ModelResolver wireNameModelResolver(WireNames wireNames, SpringDocConfigProperties springDoc) {
        return wireNames.modelResolver(springDoc.isOpenapi31());
    }

    @Bean
    OpenApiCustomizer apiDocsConventions(WireNames wireNames, SpringDocConfigProperties springDoc) {
        return new ApiDocsConventions(wireNames, springDoc.isOpenapi31());
    }

    @Bean
    OperationCustomizer moduleTags() {
        return new ModuleTags();
    }
}
