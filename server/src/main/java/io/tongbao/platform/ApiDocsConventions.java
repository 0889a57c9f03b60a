package io.tongbao.platform;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tongbao.shared.web.ApiError;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What holds for every operation, added to the description in one place rather than on each handler: how each side
 * authenticates (the merchant API's signature headers, the operator API's HTTP Basic), the Idempotency-Key, the
 * signed-response headers, the one error shape and its statuses (docs/api.md), and which fields may be null.
 * A new endpoint is described correctly without an annotation.
 */
final class ApiDocsConventions implements OpenApiCustomizer {

    static final String MERCHANT_API = "/api/v1/";
    static final String OPERATOR_API = "/api/operator/";
    static final String ERROR_SCHEMA = "ApiError";
    static final String OPERATOR_SCHEME = "operator";

    private record SignatureHeader(String scheme, String header, String description) {}

    /** The merchant API's four signature headers: all four together authenticate a request (docs/api.md). */
    private static final List<SignatureHeader> SIGNATURE_HEADERS = List.of(
            new SignatureHeader("appId", "Tongbao-App-Id", "The app id, app_…"),
            new SignatureHeader(
                    "timestamp",
                    "Tongbao-Timestamp",
                    "Unix time in seconds; refused when more than 5 minutes from the server's clock"),
            new SignatureHeader("nonce", "Tongbao-Nonce", "16–64 characters of A-Z a-z 0-9 _ -, new for every request"),
            new SignatureHeader(
                    "signature",
                    "Tongbao-Signature",
                    "Base64 of HMAC-SHA256 (with the app secret) or "
                            + "SHA256withRSA (with the merchant's key) over the string to sign: METHOD, PATH, CANONICAL_QUERY, "
                            + "APP_ID, TIMESTAMP, NONCE, BODY_SHA256 joined by LF (docs/api.md)"));

    private record ErrorStatus(
            String status, String description, String exampleCode, String exampleMessage, boolean onlyWithBody) {}

    private static final List<ErrorStatus> ERRORS = List.of(
            new ErrorStatus(
                    "400",
                    "INVALID_PARAMETER (a field is missing or wrong; the message starts with its name) "
                            + "or INVALID_BODY (not JSON of the expected shape)",
                    "INVALID_PARAMETER",
                    "amount: must be a positive integer in minor units (fen)",
                    false),
            new ErrorStatus(
                    "401",
                    "Merchant API: MISSING_SIGNATURE, INVALID_SIGNATURE, INVALID_TIMESTAMP, "
                            + "TIMESTAMP_OUT_OF_WINDOW, INVALID_NONCE, NONCE_REUSED (not signed: there is no agreed key). "
                            + "Operator API: UNAUTHENTICATED",
                    "INVALID_SIGNATURE",
                    "the signature does not verify",
                    false),
            new ErrorStatus(
                    "403",
                    "MERCHANT_SUSPENDED, APP_SUSPENDED; operator API: FORBIDDEN, WRONG_PASSWORD",
                    "APP_SUSPENDED",
                    "the app is suspended",
                    false),
            new ErrorStatus(
                    "404",
                    "NOT_FOUND: no such object for this merchant (another merchant's object is "
                            + "\"not found\", never \"forbidden\")",
                    "NOT_FOUND",
                    "no payment pay_7k2m9x4p1q8r3t6v5w0y",
                    false),
            new ErrorStatus(
                    "409",
                    "IDEMPOTENCY_KEY_REUSED (the same key with another request), REQUEST_IN_PROGRESS "
                            + "(the key's first request still runs: retry a moment later), CONCURRENT_UPDATE",
                    "IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was used for a different request",
                    true),
            new ErrorStatus(
                    "413",
                    "BODY_TOO_LARGE: the body is over 1 MiB",
                    "BODY_TOO_LARGE",
                    "the body is over 1048576 bytes",
                    true),
            new ErrorStatus(
                    "415",
                    "UNSUPPORTED_MEDIA_TYPE: send application/json",
                    "UNSUPPORTED_MEDIA_TYPE",
                    "send application/json",
                    true),
            new ErrorStatus(
                    "422",
                    "WRONG_SIGN_TYPE and each feature's business codes: well formed, refused by a rule",
                    "INSUFFICIENT_BALANCE",
                    "account acc_… holds 100, the transfer needs 500",
                    false),
            new ErrorStatus(
                    "429",
                    "RATE_LIMITED: the app's rate limit (or the operator login throttle) is exhausted; "
                            + "Retry-After says when to retry",
                    "RATE_LIMITED",
                    "too many requests; retry after 1 s",
                    false),
            new ErrorStatus(
                    "500",
                    "INTERNAL_ERROR: nothing internal is returned; safe to retry with the same " + "Idempotency-Key",
                    "INTERNAL_ERROR",
                    "Tongbao failed; quote the request id",
                    false),
            new ErrorStatus(
                    "503",
                    "SERVICE_BUSY: no database connection within the wait; retry after Retry-After "
                            + "seconds with the same Idempotency-Key",
                    "SERVICE_BUSY",
                    "Tongbao is too busy to serve this call now",
                    false));

    private final WireNames wireNames;
    private final boolean openApi31;

    ApiDocsConventions(WireNames wireNames, boolean openApi31) {
        this.wireNames = wireNames;
        this.openApi31 = openApi31;
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        ModelConverters.getInstance(openApi31).readAll(ApiError.class).forEach(components::addSchemas);
        describeErrorSchema(Objects.requireNonNull(components.getSchemas().get(ERROR_SCHEMA)));
        securitySchemes(components);
        headers(components);
        if (api.getPaths() != null) {
            api.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) -> conventions(path, method, operation)));
        }
        if (components.getSchemas() != null) {
            components.getSchemas().forEach(this::nullableFields);
        }
    }

    private void conventions(String path, PathItem.HttpMethod method, Operation operation) {
        boolean merchant = path.startsWith(MERCHANT_API);
        boolean withBody = method == PathItem.HttpMethod.POST
                || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
        if (merchant) {
            SecurityRequirement signed = new SecurityRequirement();
            SIGNATURE_HEADERS.forEach(header -> signed.addList(header.scheme()));
            operation.security(List.of(signed));
            if (method == PathItem.HttpMethod.POST) {
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/IdempotencyKey"));
            }
        } else if (path.startsWith(OPERATOR_API)) {
            operation.security(List.of(new SecurityRequirement().addList(OPERATOR_SCHEME)));
        }
        if (method == PathItem.HttpMethod.POST && operation.getRequestBody() == null) {
            operation.requestBody(new RequestBody().$ref("#/components/requestBodies/NoBody"));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.responses(responses);
        for (ErrorStatus error : ERRORS) {
            if ((withBody || !error.onlyWithBody()) && !responses.containsKey(error.status())) {
                responses.addApiResponse(
                        error.status(), new ApiResponse().$ref("#/components/responses/Error" + error.status()));
            }
        }
        if (merchant) {
            responses.forEach((status, response) -> {
                if (response.get$ref() == null) {
                    signedResponseHeaders(response);
                }
            });
        }
    }

    private void securitySchemes(Components components) {
        SIGNATURE_HEADERS.forEach(header -> components.addSecuritySchemes(
                header.scheme(),
                new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name(header.header())
                        .description(header.description())));
        components.addSecuritySchemes(
                OPERATOR_SCHEME,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("An operator account (the operator API and this description)"));
        components.addParameters(
                "IdempotencyKey",
                new HeaderParameter()
                        .name("Idempotency-Key")
                        .required(false)
                        .description(
                                "Makes a POST safe to retry: the same key with the same request within 24 h gets the "
                                        + "kept answer again (Idempotent-Replayed: true), with another request 409 "
                                        + "IDEMPOTENCY_KEY_REUSED. 1–255 printable ASCII characters, per app.")
                        .schema(new StringSchema().minLength(1).maxLength(255))
                        .example("order-T20261122001"));
        // a POST that takes nothing: the SDK sends {} (signed like any body), a generated client may send nothing
        components.addRequestBodies(
                "NoBody",
                new RequestBody()
                        .required(false)
                        .description("Nothing, or an empty JSON object")
                        .content(new Content()
                                .addMediaType(
                                        "application/json",
                                        new MediaType().schema(new ObjectSchema().maxProperties(0)))));
    }

    private void headers(Components components) {
        components.addHeaders(
                "Tongbao-Request-Id", header("The request's id, also in error bodies: quote it to the operator"));
        components.addHeaders("Tongbao-Timestamp", header("Signed responses: Tongbao's Unix time in seconds"));
        components.addHeaders("Tongbao-Nonce", header("Signed responses: Tongbao's own nonce"));
        components.addHeaders(
                "Tongbao-Signature",
                header("Signed responses: Base64 signature over STATUS, "
                        + "REQUEST_NONCE, TIMESTAMP, NONCE, BODY_SHA256 joined by LF, with the app secret (HMAC) or the "
                        + "platform key (RSA2); 401 answers are not signed (docs/api.md)"));
        components.addHeaders(
                "Idempotent-Replayed",
                header("true when this is the kept answer to an earlier request " + "with the same Idempotency-Key"));
        components.addHeaders("Retry-After", header("Seconds to wait before retrying (429, 503)"));
        for (ErrorStatus error : ERRORS) {
            Map<String, Header> headers = new LinkedHashMap<>();
            headers.put("Tongbao-Request-Id", new Header().$ref("#/components/headers/Tongbao-Request-Id"));
            if (error.status().equals("429") || error.status().equals("503")) {
                headers.put("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
            }
            components.addResponses(
                    "Error" + error.status(),
                    new ApiResponse()
                            .description(error.description())
                            .headers(headers)
                            .content(new Content()
                                    .addMediaType(
                                            "application/json",
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))
                                                    .example(Map.of(
                                                            "code",
                                                            error.exampleCode(),
                                                            "message",
                                                            error.exampleMessage(),
                                                            "request_id",
                                                            "req_5x8k2m9x4p1q8r3t6v5w")))));
        }
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    private static void signedResponseHeaders(ApiResponse response) {
        for (String name : List.of(
                "Tongbao-Request-Id",
                "Tongbao-Timestamp",
                "Tongbao-Nonce",
                "Tongbao-Signature",
                "Idempotent-Replayed")) {
            response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describeErrorSchema(Schema schema) {
        schema.description("The one error shape of both APIs (docs/api.md)");
        Map<String, Schema> properties = schema.getProperties();
        Objects.requireNonNull(properties.get("code"))
                .description("Stable: switch on it")
                .example("INVALID_PARAMETER");
        Objects.requireNonNull(properties.get("message"))
                .description("For people; may change. Names the field for INVALID_PARAMETER")
                .example("notify_url: must be an absolute http(s) URL");
        Objects.requireNonNull(properties.get("request_id"))
                .description("Also in the Tongbao-Request-Id header: quote it to the operator")
                .example("req_5x8k2m9x4p1q8r3t6v5w");
        schema.required(List.of("code", "message", "request_id"));
    }

    /**
     * The API writes every field of a record, null ones included: a field of a reference type may be null on the
     * wire, so the description says so; a primitive one never is, and is always there, and so is one the record
     * declares {@code @Schema(requiredMode = REQUIRED)}.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private void nullableFields(String name, Schema schema) {
        Class<?> type = wireNames.classOf(name).orElse(null);
        if (type == null || !type.isRecord() || schema.getProperties() == null || name.equals(ERROR_SCHEMA)) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        for (RecordComponent component : type.getRecordComponents()) {
            String wire = wireNames.wireName(component);
            Schema property = properties.get(wire);
            if (property == null) {
                continue;
            }
            if (wireNames.alwaysPresent(component)) {
                if (schema.getRequired() == null || !schema.getRequired().contains(wire)) {
                    schema.addRequiredItem(wire);
                }
            } else {
                properties.put(wire, nullable(property));
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Schema nullable(Schema property) {
        if (!openApi31) {
            return property.nullable(true);
        }
        if (property.get$ref() != null
                || property.getTypes() == null
                || property.getTypes().isEmpty()) {
            Schema nullType = new Schema<>();
            nullType.setTypes(Set.of("null"));
            return new Schema<>().anyOf(List.of(property, nullType)).description(property.getDescription());
        }
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            property.getEnum().add(null);
        }
        property.addType("null");
        return property;
    }
}
