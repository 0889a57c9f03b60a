package io.tongbao.channel;

import io.tongbao.support.OperatorClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What every end-to-end payment test starts from: the operator, the sandbox, its buyer and the payment tables, and
 * no fault left behind for the next test (they share one cached context, so one sandbox).
 */
abstract class SandboxShopTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    PublishedPaymentEvents published;

    OperatorClient operator;
    Sandbox sandbox;
    SandboxBuyer buyer;
    PaymentRecords records;

    @BeforeEach
    void setUp() {
        operator = new OperatorClient(port, jdbc, passwords);
        sandbox = new Sandbox(operator.baseUrl());
        buyer = new SandboxBuyer(sandbox);
        records = new PaymentRecords(jdbc);
    }

    @AfterEach
    void removeFaults() {
        sandbox.clearFaults();
    }
}
