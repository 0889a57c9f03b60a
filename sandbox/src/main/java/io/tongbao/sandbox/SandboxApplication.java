package io.tongbao.sandbox;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Runs the sandbox on its own: {@code ./mvnw -pl sandbox -Pstandalone spring-boot:run} (port 8090 unless {@code server.port}
 * says otherwise).
 * <p>
 * Not a {@code @SpringBootConfiguration}: Tongbao's server scans {@code io.tongbao} and its tests look for exactly
 * one such class; this one must be invisible to both.
 */
@EnableAutoConfiguration
public class SandboxApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SandboxApplication.class);
        application.setDefaultProperties(Map.of(
                SandboxProperties.ENABLED,
                "true",
                "server.port",
                "8090",
                "spring.application.name",
                "tongbao-sandbox"));
        application.run(args);
    }
}
