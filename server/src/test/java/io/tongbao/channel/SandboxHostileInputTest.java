package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sandbox mounted in Tongbao answers bad input to its control and onboarding endpoints with a 4xx, never a 500. */
@SandboxEndToEnd
class SandboxHostileInputTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "POST | /sandbox/faults                   | application/json                  | {}",
                "POST | /sandbox/faults                   | application/json                  | {\"kind\":",
                "POST | /sandbox/clock/advance            | application/json                  | {\"seconds\":\"soon\"}",
                "POST | /sandbox/wechatpay/merchants      | application/json                  | []",
                "POST | /sandbox/alipay/apps              | application/json                  | {}",
                "POST | /sandbox/alipay/buyer/scan        | application/json                  | {}",
                "GET  | /sandbox/alipay/gateway.do?x=%ff  | application/json                  | ''",
                "POST | /sandbox/alipay/gateway.do        | application/x-www-form-urlencoded | biz_content=%ff",
                "POST | /sandbox/alipay/gateway.do        | application/*                     | {}",
            })
    void badInputIsAClientError(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.body()).contains("\"code\"");
    }
}
