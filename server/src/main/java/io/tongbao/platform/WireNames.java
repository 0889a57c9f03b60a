package io.tongbao.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies.NamingBase;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The names the API really uses on the wire, for the description. springdoc 3 describes models with swagger-core,
 * which introspects with Jackson 2 and its own mapper: it never sees the application's Jackson 3 mapper and so
 * ignored {@code spring.jackson.property-naming-strategy} (camelCase fields in /v3/api-docs for a snake_case API).
 * This takes the strategy from the application's mapper itself, so the description cannot drift from what the
 * handlers read and write. It also keeps schema names unique (two nested {@code Page} records would otherwise
 * share one schema) and remembers which class each schema describes, for {@link ApiDocsConventions}.
 */
final class WireNames {

    private final PropertyNamingStrategies.@Nullable NamingBase naming;
    private final SchemaNames schemaNames = new SchemaNames();
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    WireNames(JsonMapper applicationMapper) {
        PropertyNamingStrategy strategy =
                applicationMapper.serializationConfig().getPropertyNamingStrategy();
        // NamingBase: Jackson 3's (the application's); PropertyNamingStrategies.NamingBase: Jackson 2's
        // (swagger-core's)
        this.naming = strategy instanceof NamingBase base
                ? new PropertyNamingStrategies.NamingBase() {
                    @Override
                    public String translate(String name) {
                        // a NamingBase translates the name alone; it reads neither the configuration nor the field
                        return base.nameForField(null, null, name);
                    }
                }
                : null;
    }

    /**
     * The model resolver springdoc puts ahead of swagger-core's default (which it then never reaches): the same,
     * with the wire's names.
     */
    ModelResolver modelResolver(boolean openApi31) {
        ObjectMapper mapper = (openApi31 ? Json31.mapper() : Json.mapper()).copy();
        if (naming != null) {
            mapper.setPropertyNamingStrategy(naming);
        }
        return new NamingModelResolver(mapper, schemaNames, classes).openapi31(openApi31);
    }

    /** The JSON name of a record component: its {@code @JsonProperty}, else the naming strategy's. */
    String wireName(RecordComponent component) {
        JsonProperty explicit = component.getAccessor().getAnnotation(JsonProperty.class);
        if (explicit == null) {
            explicit = component.getAnnotation(JsonProperty.class);
        }
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        return naming == null ? component.getName() : naming.translate(component.getName());
    }

    /**
     * Whether a record component is never null on the wire: a primitive, or one the record declares
     * {@code @Schema(requiredMode = REQUIRED)}.
     */
    boolean alwaysPresent(RecordComponent component) {
        Schema declared = component.getAccessor().getAnnotation(Schema.class);
        return component.getType().isPrimitive()
                || declared != null && declared.requiredMode() == Schema.RequiredMode.REQUIRED;
    }

    /** The class a schema of the description was made from, if it was named here. */
    Optional<Class<?>> classOf(String schemaName) {
        return Optional.ofNullable(classes.get(schemaName));
    }

    /**
     * Simple class names, as springdoc gives them, except when two classes would get the same one: then the later
     * one is qualified with its enclosing class ({@code WebhookEventsPage}) or, failing that, its package.
     */
    private static final class SchemaNames extends TypeNameResolver {

        private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

        @Override
        public synchronized String nameForType(JavaType type, Set<Options> options) {
            String name = super.nameForType(type, options);
            Class<?> raw = type.getRawClass();
            if (type.isContainerType() || raw.isPrimitive() || raw.getName().startsWith("java.")) {
                return name;
            }
            Class<?> owner = classes.putIfAbsent(name, raw);
            if (owner == null || owner == raw) {
                return name;
            }
            String qualified = raw.getEnclosingClass() != null
                    ? raw.getEnclosingClass().getSimpleName() + name
                    : raw.getPackageName().replace('.', '_') + "_" + name;
            classes.putIfAbsent(qualified, raw);
            return qualified;
        }
    }
}
