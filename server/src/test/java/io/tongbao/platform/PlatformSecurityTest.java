package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@TongbaoTest
class PlatformSecurityTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    OperatorClient operator;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        operator = new OperatorClient(port, jdbc, passwords);
    }

    @Test
    void healthAndInfoArePublicAndHealthIncludesTheDatabase() throws Exception {
        assertThat(anonymous("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(anonymous("/actuator/info").statusCode()).isEqualTo(200);

        OperatorClient.Response detailed = operator.get("/actuator/health");
        assertThat(detailed.body().get("components").get("db").get("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void everythingElseNeedsAnOperator() throws Exception {
        for (String path : new String[] {
            "/actuator/prometheus", "/actuator/metrics", "/v3/api-docs", "/docs", "/api/operator/merchants"
        }) {
            HttpResponse<String> response = anonymous(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).contains("\"code\":\"UNAUTHENTICATED\"");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        }
    }

    @Test
    void anOperatorSeesMetricsAndTheApiDocs() {
        assertThat(operator.get("/actuator/prometheus").raw()).contains("jvm_memory_used_bytes");
        OperatorClient.Response docs = operator.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.raw()).contains("/api/v1/app").contains("/api/operator/merchants");
        assertThat(operator.get("/docs").status()).isIn(200, 302);
    }

    @Test
    void aWrongPasswordIsRefusedAndAChangedPasswordReplacesTheOldOne() throws Exception {
        String user = "op-" + System.nanoTime();
        jdbc.sql(
                        "insert into console_user (username, password_hash, created_at, password_changed_at, kind, role) values (:u, :h, :now, :now, 'OPERATOR', 'ADMIN')")
                .param("u", user)
                .param("h", passwords.encode("first-password-123"))
                .param("now", OffsetDateTime.now())
                .update();
        assertThat(basic(user, "wrong-password", "GET", "/api/operator/me", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(basic(user, "first-password-123", "GET", "/api/operator/me", null)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> tooShort = basic(
                user,
                "first-password-123",
                "POST",
                "/api/operator/me/password",
                "{\"current_password\":\"first-password-123\",\"new_password\":\"short\"}");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("new_password");
        HttpResponse<String> changed = basic(
                user,
                "first-password-123",
                "POST",
                "/api/operator/me/password",
                "{\"current_password\":\"first-password-123\",\"new_password\":\"second-password-456\"}");
        assertThat(changed.statusCode()).isEqualTo(204);

        assertThat(basic(user, "first-password-123", "GET", "/api/operator/me", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(basic(user, "second-password-456", "GET", "/api/operator/me", null)
                        .body())
                .contains(user);
    }

    @Test
    void theFirstOperatorExistsWithAHashedRandomPassword() {
        Map<String, Object> admin = jdbc.sql("select password_hash from console_user where username = 'admin'")
                .query()
                .singleRow();
        assertThat((String) admin.get("password_hash")).startsWith("{bcrypt}");
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(operator.baseUrl() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> basic(String user, String password, String method, String path, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(operator.baseUrl() + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
