package io.tongbao.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /v3/api-docs as a client generated from it would read it, checked against real traffic with Atlassian's OpenAPI
 * validator: every request must match an operation, its parameters and body their schemas, and every answer (errors
 * included) a documented status, content type and schema. A field the description does not name fails, in requests
 * and answers alike (additionalProperties is enforced), and so does one written under another name (camelCase).
 */
public final class ApiDescription {

    private final OpenApiInteractionValidator validator;

    private ApiDescription(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** From the document's JSON, as /v3/api-docs serves it. */
    public static ApiDescription of(String openApiJson) {
        return new ApiDescription(OpenApiInteractionValidator.createForInlineApiSpecification(openApiJson)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
                        .withLevel("validation.response.body.missing", ValidationReport.Level.ERROR)
                        .build())
                .withStrictOperationPathMatching()
                .build());
    }

    /**
     * What is wrong with one exchange, one line each; empty when it matches the description. A request the API
     * refused (4xx, 5xx) may well break the description (that is why it was refused): then only the answer is checked.
     */
    public List<String> problems(ApiTraffic.Exchange exchange) {
        Request request = request(exchange);
        ValidationReport report = exchange.status() < 400
                ? validator.validate(request, response(exchange))
                : validator.validateResponse(exchange.path(), request.getMethod(), response(exchange));
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                problems.add(exchange + ": " + message.getKey() + ": " + message.getMessage());
            }
        }
        return problems;
    }

    /** The problems of every exchange. */
    public List<String> problems(List<ApiTraffic.Exchange> exchanges) {
        return exchanges.stream()
                .flatMap(exchange -> problems(exchange).stream())
                .toList();
    }

    private static Request request(ApiTraffic.Exchange exchange) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.path());
        exchange.requestHeaders().forEach(request::withHeader);
        queryParameters(exchange.query()).forEach(request::withQueryParam);
        if (exchange.requestBody().length > 0) {
            request.withBody(exchange.requestBody());
        }
        return request.build();
    }

    private static SimpleResponse response(ApiTraffic.Exchange exchange) {
        SimpleResponse.Builder response = new SimpleResponse.Builder(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        if (exchange.responseBody().length > 0) {
            response.withBody(exchange.responseBody());
        }
        return response.build();
    }

    /** Decoded as the API decodes a query: {@code +} is a literal plus (docs/api.md). */
    private static Map<String, List<String>> queryParameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String part : query.split("&")) {
            int equals = part.indexOf('=');
            String name = decode(equals < 0 ? part : part.substring(0, equals));
            String value = equals < 0 ? "" : decode(part.substring(equals + 1));
            parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
