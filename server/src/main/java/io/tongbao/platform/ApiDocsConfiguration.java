package io.tongbao.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What /v3/api-docs says about Tongbao and how each side authenticates. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    OpenAPI tongbaoOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Tongbao API").version("v1")
                        .description("Merchant API under /api/v1 (every request signed: see docs/api.md) and "
                                + "operator API under /api/operator (HTTP Basic as an operator)."))
                .components(new Components()
                        .addSecuritySchemes("operator", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("merchantSignature", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("Tongbao-Signature")
                                .description("With Tongbao-App-Id, Tongbao-Timestamp and Tongbao-Nonce; see docs/api.md")));
    }
}
