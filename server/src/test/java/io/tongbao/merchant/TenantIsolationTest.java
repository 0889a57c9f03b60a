package io.tongbao.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@TongbaoTest
class TenantIsolationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void anotherMerchantsAppIsNotFoundAndASiblingAppIsVisible() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String alice = operator.createMerchant("alice");
        String bob = operator.createMerchant("bob");
        OperatorClient.HmacApp aliceShop = operator.createHmacApp(alice);
        OperatorClient.HmacApp aliceOutlet = operator.createHmacApp(alice);
        OperatorClient.HmacApp bobShop = operator.createHmacApp(bob);
        TongbaoClient asAlice = operator.sdk(aliceShop);

        assertThat(asAlice.app(aliceOutlet.appId()).merchantId()).isEqualTo(alice);
        assertThatThrownBy(() -> asAlice.app(bobShop.appId()))
                .isInstanceOf(TongbaoException.NotFound.class)
                .satisfies(e -> assertThat(((TongbaoException) e).code()).isEqualTo("NOT_FOUND"));
        assertThatThrownBy(() -> asAlice.app("app_doesnotexist000000"))
                .isInstanceOf(TongbaoException.NotFound.class)
                .hasMessageContaining("no app app_doesnotexist000000");
    }
}
