package io.tongbao.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import java.util.Map;

/**
 * swagger-core's model resolver, remembering the class each named schema was made from (its name may come from a
 * {@code @Schema(name)}), so that {@link ApiDocsConventions} can tell which fields may be null on the wire.
 */
final class NamingModelResolver extends ModelResolver {

    private static final String COMPONENT_SCHEMAS = "#/components/schemas/";

    private final Map<String, Class<?>> classes;

    NamingModelResolver(ObjectMapper mapper, TypeNameResolver names, Map<String, Class<?>> classes) {
        super(mapper, names);
        this.classes = classes;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema resolved = super.resolve(type, context, chain);
        String name = resolved == null
                ? null
                : resolved.getName() != null
                        ? resolved.getName()
                        : resolved.get$ref() != null && resolved.get$ref().startsWith(COMPONENT_SCHEMAS)
                                ? resolved.get$ref().substring(COMPONENT_SCHEMAS.length())
                                : null;
        if (name != null) {
            classes.putIfAbsent(name, _mapper.constructType(type.getType()).getRawClass());
        }
        return resolved;
    }
}
