package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.platform.Role;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.support.ConsoleSession;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.TongbaoTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The users and audit-log pages over HTTP: an operator creates a merchant's owner whose once-shown password logs in,
 * the owner manages its own merchant's staff and nothing else, the last administrator stays, and the audit log shows
 * a merchant user its own merchant's entries only. On a database of its own: one test disables every other
 * administrator for a moment.
 */
@TongbaoTest
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
class UsersAndAuditPagesTest {

    private static final Pattern SHOWN_PASSWORD = Pattern.compile("id=\"password-once\"[^>]*>([^<]+)</code>");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionTemplate transactions;

    ConsoleUsers users;
    OperatorClient operator;

    @BeforeEach
    void setUp() {
        users = new ConsoleUsers(jdbc, passwords);
        operator = new OperatorClient(port, jdbc, passwords);
    }

    @Test
    void anOperatorCreatesAnOwnerWhoseOnceShownPasswordLogsIn() {
        String merchant = operator.createMerchant("Jasmine Tea House");
        ConsoleSession admin = login(users.create(Role.ADMIN, null));
        String owner = "owner-" + System.nanoTime();

        HttpResponse<String> unknownMerchant =
                admin.post("/console/users", Map.of("username", owner, "role", "OWNER", "merchant_id", "mch_nobody"));
        assertThat(unknownMerchant.statusCode()).isEqualTo(422);
        assertThat(unknownMerchant.body()).contains("没有此商户号对应的商户").contains("is-invalid");
        HttpResponse<String> noMerchant =
                admin.post("/console/users", Map.of("username", owner, "role", "OWNER", "merchant_id", " "));
        assertThat(noMerchant.statusCode()).isEqualTo(422);
        assertThat(noMerchant.body()).contains("商户角色需要填写商户号");
        HttpResponse<String> badName =
                admin.post("/console/users", Map.of("username", "X", "role", "OWNER", "merchant_id", merchant));
        assertThat(badName.body()).contains("3-64 个字符：小写字母、数字、. _ @ -（以字母或数字开头）");
        assertThat(userCount(owner)).as("nothing saved from a refused form").isZero();

        HttpResponse<String> created = admin.post(
                "/console/users",
                Map.of(
                        "username",
                        owner,
                        "role",
                        "OWNER",
                        "merchant_id",
                        merchant,
                        "display_name",
                        "<script>alert(1)</script> 王"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("此密码仅显示这一次").contains("用户 " + owner + " 已创建");
        assertThat(created.headers().firstValue("Cache-Control"))
                .as("the page with the password is not kept by the browser")
                .hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
        String password = shownPassword(created);
        assertThat(jdbc.sql("select merchant_id || ' ' || role from console_user where username = :name")
                        .param("name", owner)
                        .query(String.class)
                        .single())
                .isEqualTo(merchant + " OWNER");
        assertThat(admin.post("/console/users", Map.of("username", owner, "role", "STAFF", "merchant_id", merchant))
                        .body())
                .contains("该用户名已被占用");

        ConsoleSession ownerSession = new ConsoleSession(port);
        assertThat(ownerSession.login(owner, password).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
        assertThat(ownerSession.get("/console/").body()).contains(owner).contains("商户主账号");

        HttpResponse<String> listed = admin.get("/console/users?q=" + owner);
        assertThat(listed.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; 王")
                .doesNotContain("<script>alert(1)");
        assertThat(admin.get("/console/audit?target_type=user&target_id=" + owner)
                        .body())
                .contains("user.created")
                .contains(merchant);
    }

    @Test
    void anOwnerManagesItsOwnMerchantsStaffOnly() {
        String merchantA = operator.createMerchant("Tea House A");
        String merchantB = operator.createMerchant("Noodles B");
        String owner = users.create(Role.OWNER, merchantA);
        String staffOfB = users.create(Role.STAFF, merchantB);
        String admin = users.create(Role.ADMIN, null);
        ConsoleSession session = login(owner);

        HttpResponse<String> list = session.get("/console/users");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains(owner)
                .doesNotContain(admin, OperatorClient.USER, staffOfB, merchantB)
                .as("no operator role is offered")
                .doesNotContain("value=\"ADMIN\"", "value=\"AUDITOR\"")
                .contains("value=\"STAFF\"");

        String staff = "staff-" + System.nanoTime();
        HttpResponse<String> operatorRole =
                session.post("/console/users", Map.of("username", staff, "role", "ADMIN", "merchant_id", merchantB));
        assertThat(operatorRole.statusCode()).isEqualTo(422);
        assertThat(operatorRole.body()).contains("您无权授予此角色");
        assertThat(userCount(staff)).isZero();

        HttpResponse<String> created =
                session.post("/console/users", Map.of("username", staff, "role", "STAFF", "merchant_id", merchantB));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(shownPassword(created)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(jdbc.sql("select merchant_id from console_user where username = :name")
                        .param("name", staff)
                        .query(String.class)
                        .single())
                .as("an owner's user belongs to the owner's merchant, whatever the form says")
                .isEqualTo(merchantA);

        // another merchant's user, or an operator: as absent as a name nobody has, and never its data
        for (String other : List.of(staffOfB, admin, "nobody-here")) {
            HttpResponse<String> page = session.get("/console/users/" + other);
            assertThat(page.statusCode()).as(other).isEqualTo(404);
            assertThat(page.body()).doesNotContain(merchantB);
            for (String action : List.of("disable", "enable", "password")) {
                HttpResponse<String> refused = session.post("/console/users/" + other + "/" + action, Map.of());
                assertThat(refused.statusCode()).as(action + " " + other).isEqualTo(404);
                assertThat(refused.body()).doesNotContain(merchantB, "password-once");
            }
            assertThat(session.post("/console/users/" + other + "/role", Map.of("role", "STAFF"))
                            .statusCode())
                    .isEqualTo(404);
        }
        assertThat(jdbc.sql("select enabled and role = 'STAFF' from console_user where username = :name")
                        .param("name", staffOfB)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        HttpResponse<String> otherKind = session.post("/console/users/" + staff + "/role", Map.of("role", "FINANCE"));
        assertThat(otherKind.statusCode()).isEqualTo(422);
        assertThat(otherKind.body()).contains("您无权授予此角色");
        HttpResponse<String> promoted = session.post("/console/users/" + staff + "/role", Map.of("role", "DEVELOPER"));
        assertThat(promoted.statusCode()).isEqualTo(302);
        assertThat(promoted.headers().firstValue("Location").orElseThrow()).endsWith("/console/users/" + staff);
        assertThat(session.get("/console/users/" + staff).body())
                .contains("角色已修改")
                .contains("开发者");

        assertThat(session.post("/console/users/" + staff + "/disable", Map.of())
                        .statusCode())
                .isEqualTo(302);
        assertThat(session.get("/console/users/" + staff).body())
                .contains("用户已停用")
                .contains("已停用");
        assertThat(new ConsoleSession(port)
                        .login(staff, "anything")
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .contains("error");

        HttpResponse<String> reset = session.post("/console/users/" + staff + "/password", Map.of());
        assertThat(reset.body()).contains(staff + " 的密码已重置");
        String newPassword = shownPassword(reset);
        assertThat(session.post("/console/users/" + staff + "/enable", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(new ConsoleSession(port)
                        .login(staff, newPassword)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .endsWith("/console/");

        assertThat(jdbc.sql("""
                                select action from audit_entry
                                where target_type = 'user' and target_id = :name and merchant_id = :merchant
                                order by seq""")
                        .param("name", staff)
                        .param("merchant", merchantA)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "user.created", "user.role_changed", "user.disabled", "user.password_reset", "user.enabled");
    }

    @Test
    void theLastEnabledAdministratorCannotBeDisabledNorDemoted() {
        String admin = users.create(Role.ADMIN, null);
        ConsoleSession session = login(admin);
        List<String> others = jdbc.sql(
                        "select username from console_user where role = 'ADMIN' and enabled and username <> :me")
                .param("me", admin)
                .query(String.class)
                .list();
        assertThat(others).isNotEmpty();
        List<String> disabled = new ArrayList<>();
        try {
            for (String other : others) {
                assertThat(session.post("/console/users/" + other + "/disable", Map.of())
                                .statusCode())
                        .isEqualTo(302);
                disabled.add(other);
            }
            assertThat(session.get("/console/users/" + admin).body())
                    .as("nobody is offered to disable themselves")
                    .doesNotContain("id=\"disable-user\"")
                    .contains("不能停用自己");

            HttpResponse<String> self = session.post("/console/users/" + admin + "/disable", Map.of());
            assertThat(self.statusCode()).isEqualTo(422);
            assertThat(self.body()).contains("id=\"state-error\"").contains("不能停用自己");

            HttpResponse<String> demoted = session.post("/console/users/" + admin + "/role", Map.of("role", "FINANCE"));
            assertThat(demoted.statusCode()).isEqualTo(422);
            assertThat(demoted.body()).contains("平台必须至少保留一个已启用的管理员");
            assertThat(jdbc.sql("select role || ' ' || enabled from console_user where username = :me")
                            .param("me", admin)
                            .query(String.class)
                            .single())
                    .isEqualTo("ADMIN true");
        } finally {
            for (String other : disabled) {
                assertThat(session.post("/console/users/" + other + "/enable", Map.of())
                                .statusCode())
                        .isEqualTo(302);
            }
        }
    }

    @Test
    void aMerchantUserSeesItsOwnMerchantsEntriesOnlyAndOperatorsVerifyTheChain() {
        String merchantA = operator.createMerchant("Audit Tea A");
        String owner = users.create(Role.OWNER, merchantA);
        String adminName = users.create(Role.ADMIN, null);
        ConsoleSession admin = login(adminName);
        String staff = "audited-" + System.nanoTime();
        admin.post("/console/users", Map.of("username", staff, "role", "STAFF", "merchant_id", merchantA));
        String merchantB = operator.createMerchant("Audit Noodles B");

        ConsoleSession ownerSession = login(owner);
        HttpResponse<String> ownView = ownerSession.get("/console/audit");
        assertThat(ownView.statusCode()).isEqualTo(200);
        assertThat(ownView.body())
                .contains(staff, "user.created", merchantA)
                .as("operators' logins, entries of no merchant and other merchants' entries are not shown")
                .doesNotContain("login.succeeded", "login.failed", merchantB)
                .doesNotContain("id=\"verify-chain\"");
        assertThat(ownerSession.get("/console/audit?merchant=" + merchantB).body())
                .doesNotContain(merchantB)
                .contains(staff);
        assertThat(ownerSession.get("/console/audit?action=login.succeeded").body())
                .contains("id=\"audit-empty\"")
                .doesNotContain("<tr id=\"audit-");
        assertThat(ownerSession.post("/console/audit/verify", Map.of()).statusCode())
                .isEqualTo(404);

        HttpResponse<String> operatorView = admin.get("/console/audit");
        assertThat(operatorView.body()).contains("login.succeeded", merchantB, adminName, "管理员");
        assertThat(admin.get("/console/audit?target_type=user&target_id=" + staff)
                        .body())
                .contains("user.created")
                .doesNotContain("merchant.created");

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(admin.get("/console/audit?action=user.created&from=" + today + "&to=" + today)
                        .body())
                .contains(staff);
        assertThat(admin.get("/console/audit?action=user.created&from=" + today.plusDays(1))
                        .body())
                .contains("id=\"audit-empty\"")
                .doesNotContain(staff);
        assertThat(admin.get("/console/audit?from=not-a-date").statusCode()).isEqualTo(400);

        HttpResponse<String> verified = admin.post("/console/audit/verify", Map.of());
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("哈希链完整").contains("status-ok");
    }

    @Test
    void theAuditLogPagesOlderWithItsFiltersKept() {
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 55; i++) {
                audit.record(AuditChange.of("paging.checked", "paging", "page-" + i));
            }
        });
        ConsoleSession admin = login(users.create(Role.ADMIN, null));

        HttpResponse<String> first = admin.get("/console/audit?target_type=paging");
        assertThat(rows(first)).hasSize(AuditController.PAGE_SIZE);
        assertThat(first.body()).contains("page-54").doesNotContain("page-4<").doesNotContain("id=\"audit-newest\"");
        Matcher next = Pattern.compile("id=\"audit-next\" href=\"([^\"]+)\"").matcher(first.body());
        assertThat(next.find()).isTrue();
        String older = next.group(1).replace("&amp;", "&");
        assertThat(older).contains("target_type=paging").contains("before=");

        HttpResponse<String> second = admin.get(older);
        assertThat(rows(second)).hasSize(5);
        assertThat(second.body())
                .contains("page-4<", "page-0<", "id=\"audit-newest\"")
                .doesNotContain("id=\"audit-next\"");
    }

    private ConsoleSession login(String username) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.login(username, ConsoleUsers.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
        session.get("/console/");
        return session;
    }

    private int userCount(String username) {
        return jdbc.sql("select count(*) from console_user where username = :name")
                .param("name", username)
                .query(Integer.class)
                .single();
    }

    private static String shownPassword(HttpResponse<String> page) {
        Matcher matcher = SHOWN_PASSWORD.matcher(page.body());
        assertThat(matcher.find()).as("the password is shown").isTrue();
        return matcher.group(1);
    }

    private static List<String> rows(HttpResponse<String> page) {
        Matcher row = Pattern.compile("<tr id=\"audit-(\\d+)\"").matcher(page.body());
        List<String> seqs = new ArrayList<>();
        while (row.find()) {
            seqs.add(row.group(1));
        }
        return seqs;
    }
}
