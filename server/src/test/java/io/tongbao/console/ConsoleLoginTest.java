package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.tongbao.platform.Role;
import io.tongbao.support.ConsoleSession;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.TongbaoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@TongbaoTest
class ConsoleLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    ConsoleUsers users;

    @BeforeEach
    void setUp() {
        users = new ConsoleUsers(jdbc, passwords);
    }

    @Test
    void theLoginPageSpeaksChineseByDefaultAndEnglishOnRequestUnderAStrictContentPolicy() {
        ConsoleSession browser = new ConsoleSession(port);
        HttpResponse<String> chinese = browser.get("/console/login");
        assertThat(chinese.statusCode()).isEqualTo(200);
        assertThat(chinese.body()).contains("登录").contains("lang=\"zh-CN\"");
        String policy = chinese.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(chinese.headers().firstValue("X-Frame-Options")).contains("DENY");

        HttpResponse<String> english = browser.get("/console/login?lang=en");
        assertThat(english.body()).contains("Log in").contains("lang=\"en\"");
        // the cookie remembers the choice
        assertThat(browser.get("/console/login").body()).contains("lang=\"en\"");
    }

    @Test
    void anAnonymousVisitorIsSentToTheLoginPage() {
        ConsoleSession browser = new ConsoleSession(port);
        assertThat(browser.get("/").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
        HttpResponse<String> overview = browser.get("/console/");
        assertThat(overview.statusCode()).isEqualTo(302);
        assertThat(overview.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/login"));
    }

    @Test
    void aUserLogsInWithANewSessionIdAndLogsOut() {
        String admin = users.create(Role.ADMIN, null);
        ConsoleSession browser = new ConsoleSession(port);
        browser.get("/console/login");
        String before = browser.sessionCookie();
        HttpResponse<String> login = browser.login(admin, ConsoleUsers.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
        assertThat(browser.sessionCookie()).isNotEmpty().isNotEqualTo(before);
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :name")
                        .param("name", admin)
                        .query(Integer.class)
                        .single())
                .as("the session is kept in PostgreSQL, for every node")
                .isEqualTo(1);

        HttpResponse<String> overview = browser.get("/console/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains(admin).contains("管理员");

        assertThat(jdbc.sql(
                                "select action || ' ' || actor || ' ' || coalesce(source, '') from audit_entry where target_id = :name")
                        .param("name", admin)
                        .query(String.class)
                        .list())
                .as("logins are in the audit log, with who and from where")
                .containsExactly("login.succeeded " + admin + " 127.0.0.1");

        HttpResponse<String> logout = browser.post("/console/logout", Map.of());
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?logout");
        assertThat(browser.get("/console/").statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordSaysSoAndRepeatedFailuresLockTheName() {
        String support = users.create(Role.SUPPORT, null);
        ConsoleSession browser = new ConsoleSession(port);
        HttpResponse<String> wrong = browser.login(support, "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error=bad");
        assertThat(browser.get("/console/login?error=bad").body()).contains("用户名、密码或验证码错误");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'login.failed' and target_id = :name")
                        .param("name", support)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // ten failures in a row lock the name (tongbao.operator-login.max-failures)
        for (int attempt = 1; attempt < 10; attempt++) {
            new ConsoleSession(port).login(support, "still-wrong");
        }
        assertThat(jdbc.sql("select locked_until is not null from operator_login_failure where username = :name")
                        .param("name", support)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // locked: even the right password is refused now (as locked, or as throttled when the name's budget of
        // failures is spent: that refusal comes first and costs no database read)
        assertThat(new ConsoleSession(port)
                        .login(support, ConsoleUsers.PASSWORD)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .matches(".*error=(locked|throttled)$");
        assertThat(browser.get("/console/login?error=locked").body()).contains("已被锁定");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        String admin = users.create(Role.ADMIN, null);
        ConsoleSession browser = new ConsoleSession(port);
        browser.login(admin, ConsoleUsers.PASSWORD);
        HttpResponse<String> forged = browser.post("/console/me/zone", Map.of("zone", "UTC", "_csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void aSecondFactorOnceConfirmedIsAskedAtEveryLoginOnceEachCodeAndBarsHttpBasic() throws Exception {
        String finance = users.create(Role.FINANCE, null);
        ConsoleSession browser = new ConsoleSession(port);
        browser.login(finance, ConsoleUsers.PASSWORD);
        browser.get("/console/me");
        browser.post("/console/me/totp", Map.of());
        String page = browser.get("/console/me").body();
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page);
        assertThat(secret.find()).isTrue();
        assertThat(page).contains("<svg");

        assertThat(browser.post("/console/me/totp/confirm", Map.of("code", "000000"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(browser.get("/console/me").body()).contains("验证码错误");
        // one step for the whole test: a code of this step or the next stays valid (one step of drift) if the clock
        // moves on to the next step meanwhile
        long step = System.currentTimeMillis() / 1000 / 30;
        browser.post("/console/me/totp/confirm", Map.of("code", codeOf(secret.group(1), step)));
        assertThat(browser.get("/console/me").body()).contains("双因素认证已开启");

        assertThat(new ConsoleSession(port)
                        .login(finance, ConsoleUsers.PASSWORD)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .as("no code")
                .endsWith("error=bad");
        assertThat(new ConsoleSession(port)
                        .login(finance, ConsoleUsers.PASSWORD, codeOf(secret.group(1), step))
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .as("the code that confirmed the enrolment is used up")
                .endsWith("error=bad");
        String next = codeOf(secret.group(1), step + 1);
        assertThat(new ConsoleSession(port)
                        .login(finance, ConsoleUsers.PASSWORD, next)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .as("a fresh code (the next step: one step of drift is allowed)")
                .endsWith("/console/");
        assertThat(new ConsoleSession(port)
                        .login(finance, ConsoleUsers.PASSWORD, next)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .as("the same code again")
                .endsWith("error=bad");
        assertThat(basic(finance, ConsoleUsers.PASSWORD, "/api/operator/me").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aRefusedPageIs403AndAnAddressThatIsNoPageIs404() {
        String staff = users.create(Role.STAFF, "m_someone");
        ConsoleSession browser = new ConsoleSession(port);
        browser.login(staff, ConsoleUsers.PASSWORD);
        HttpResponse<String> refused = browser.send("POST", "/console/me/totp/nonsense");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(browser.get("/console/no-such-page").statusCode()).isEqualTo(404);
        String admin = users.create(Role.ADMIN, null);
        ConsoleSession operator = new ConsoleSession(port);
        operator.login(admin, ConsoleUsers.PASSWORD);
        assertThat(operator.get("/console/no-such-page").body()).contains("未找到");
    }

    @Test
    void merchantStaffNeverReachTheOperatorApi() throws Exception {
        String owner = users.create(Role.OWNER, "m_someone");
        assertThat(basic(owner, ConsoleUsers.PASSWORD, "/api/operator/merchants")
                        .statusCode())
                .isEqualTo(403);
        assertThat(basic(owner, ConsoleUsers.PASSWORD, "/api/operator/me").statusCode())
                .isEqualTo(403);
        assertThat(basic(owner, ConsoleUsers.PASSWORD, "/actuator/prometheus").statusCode())
                .isEqualTo(403);
    }

    private static String codeOf(String secret, long step) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
    }

    private HttpResponse<String> basic(String user, String password, String path) throws Exception {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Basic " + credentials)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
