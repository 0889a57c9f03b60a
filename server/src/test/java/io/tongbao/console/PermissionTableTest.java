package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.platform.Permissions;
import io.tongbao.platform.Role;
import io.tongbao.support.ConsoleSession;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.TongbaoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The permission table is complete and enforced: every console page and operator-API endpoint is in it, nothing
 * in it is stale, and every role is let through to exactly the routes its actions allow (403 for the rest).
 */
@TongbaoTest
class PermissionTableTest {

    /** Routes anyone may open, or where a refusal is shown: not actions, not in the table. */
    private static final Set<String> OPEN = Set.of("GET /console/login", "* /console/denied");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyConsoleAndOperatorRouteIsInTheTableAndNothingElse() {
        Set<String> handled = new TreeSet<>();
        for (RequestMappingInfo info : handlers.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.equals("/console")
                        && !pattern.startsWith("/console/")
                        && !pattern.startsWith("/api/operator")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    handled.add("* " + pattern);
                }
                methods.forEach(method -> handled.add(method.name() + " " + pattern));
            }
        }
        handled.removeAll(OPEN);
        Set<String> table = new TreeSet<>();
        Permissions.routes().forEach(route -> table.add(route.method().name() + " " + route.path()));
        assertThat(handled).as("handlers missing from Permissions").isSubsetOf(table);
        assertThat(table).as("Permissions routes without a handler").isSubsetOf(handled);
    }

    @Test
    void everyRoleReachesExactlyTheRoutesItsActionsAllow() throws Exception {
        ConsoleUsers users = new ConsoleUsers(jdbc, passwords);
        SoftAssertions softly = new SoftAssertions();
        for (Role role : Role.values()) {
            String username = users.create(role, role.isOperator() ? null : "m_permission_walk");
            ConsoleSession console = new ConsoleSession(port);
            assertThat(console.login(username, ConsoleUsers.PASSWORD).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
            for (Permissions.Route route : Permissions.routes()) {
                String path = route.path().replaceAll("\\{[^}]+}", "zz-walk-1");
                boolean operatorApi = path.startsWith("/api/operator");
                boolean allowed = Permissions.allows(role, route.action()) && (!operatorApi || role.isOperator());
                int status;
                String location = "";
                if (operatorApi) {
                    HttpResponse<String> answer = basic(username, route.method().name(), path);
                    status = answer.statusCode();
                    // a handler may refuse on its own (a wrong current password is a 403 WRONG_PASSWORD): only
                    // the security chain's FORBIDDEN is a refusal of the route
                    if (status == 403 && !answer.body().contains("\"code\":\"FORBIDDEN\"")) {
                        status = 299;
                    }
                } else {
                    console.get("/console/me");
                    HttpResponse<String> answer = console.send(route.method().name(), path);
                    status = answer.statusCode();
                    location = answer.headers().firstValue("Location").orElse("");
                }
                String what = role + " " + route.method() + " " + path + " (" + route.action() + ")";
                if (allowed) {
                    softly.assertThat(status)
                            .as(what + " allowed")
                            .isNotIn(401, 403)
                            .isLessThan(500);
                    softly.assertThat(location).as(what + " allowed").doesNotContain("/console/login");
                } else {
                    softly.assertThat(status).as(what + " refused").isEqualTo(403);
                }
            }
        }
        softly.assertAll();
    }

    /** Garbage in every path variable and filter of every console page: a page or a 4xx, never a 5xx. */
    @Test
    void garbageInAnyConsoleAddressIsNeverAServerError() {
        ConsoleUsers users = new ConsoleUsers(jdbc, passwords);
        List<String> garbage = List.of("%00", "x%27--", "%E4%B8%AD", "a".repeat(3000), "..%2F..", "%FF%FE", "-1");
        SoftAssertions softly = new SoftAssertions();
        for (Role role : List.of(Role.ADMIN, Role.OWNER)) {
            ConsoleSession console = new ConsoleSession(port);
            console.login(users.create(role, role.isOperator() ? null : "m_garbage_walk"), ConsoleUsers.PASSWORD);
            for (Permissions.Route route : Permissions.routes()) {
                if (!route.path().startsWith("/console")
                        || !route.method().name().equals("GET")) {
                    continue;
                }
                for (String value : garbage) {
                    String path = route.path().replaceAll("\\{[^}]+}", value);
                    String query = "?id=" + value + "&from=" + value + "&to=" + value + "&amount_min=" + value
                            + "&status=" + value + "&cursor=" + value + "&dir=" + value + "&limit=" + value
                            + "&app=" + value + "&merchant=" + value + "&before=" + value;
                    int status = console.get(path + query).statusCode();
                    softly.assertThat(status)
                            .as("%s GET %s with %s", role, route.path(), value.length() > 20 ? "a long value" : value)
                            .isLessThan(500);
                }
            }
        }
        softly.assertAll();
    }

    private HttpResponse<String> basic(String user, String method, String path) throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + ConsoleUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<String> headers = new ArrayList<>(List.of("Authorization", "Basic " + credentials));
        if (!method.equals("GET")) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .headers(headers.toArray(String[]::new))
                                .method(
                                        method,
                                        method.equals("GET")
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
