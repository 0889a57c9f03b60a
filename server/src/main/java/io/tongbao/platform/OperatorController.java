package io.tongbao.platform;

import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/operator/me")
class OperatorController {

    private final UserAccounts accounts;

    OperatorController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Operation(operationId = "getOperator", summary = "The operator signed in")
    @GetMapping
    Map<String, String> me(Principal operator) {
        return Map.of("username", operator.getName());
    }

    @Operation(summary = "Change the operator's own password")
    @PostMapping("/password")
    ResponseEntity<Void> changePassword(Principal operator, @RequestBody PasswordChange change) {
        accounts.changePassword(operator.getName(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }

    record PasswordChange(String currentPassword, String newPassword) {}
}
