package io.tongbao.shared.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * How every JSON body is read: a value is taken only in the form its field declares. Money and points are whole
 * minor units, so {@code 19.99}, {@code 1e3}, {@code "12"} or {@code true} for a number is refused instead of being
 * cut to {@code 19}, {@code 1000} or {@code 12}; {@code "true"} or {@code 1} for a boolean is refused too. A string
 * may not carry NUL (U+0000), which PostgreSQL cannot store. The refusal names the field
 * ({@link ApiExceptionHandler}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    static final String NUL_REFUSED = "must not contain the NUL character (\\u0000)";

    @Bean
    JsonMapperBuilderCustomizer strictJsonValues() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(new SimpleModule("nul-free-strings")
                        .addDeserializer(String.class, new NulFreeString())
                        .addKeyDeserializer(String.class, new NulFreeKey()));
    }

    /** A body longer than the API accepts fails while it is read, also when it comes chunked with no length. */
    @Bean
    JsonFactoryBuilderCustomizer jsonDocumentLimit(@Value("${tongbao.api.max-body-bytes:1048576}") long maxBodyBytes) {
        return builder -> builder.streamReadConstraints(
                StreamReadConstraints.builder().maxDocumentLength(maxBodyBytes).build());
    }

    private static final class NulFreeString extends StdScalarDeserializer<String> {

        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, NUL_REFUSED, value, String.class);
            }
            return value;
        }
    }

    private static final class NulFreeKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            if (key.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(context.getParser(), NUL_REFUSED, key, String.class);
            }
            return key;
        }
    }
}
