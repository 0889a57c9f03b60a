package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.platform.Action;
import io.tongbao.platform.Permissions;
import io.tongbao.platform.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/console.md says who may do what: its table is the one {@link Permissions} holds. When a role or an action
 * changes, this test fails; the table to paste between the markers is in server/target/permissions-table.md.
 */
class PermissionsDocumentTest {

    private static final String START = "<!-- permissions:start -->";
    private static final String END = "<!-- permissions:end -->";

    @Test
    void theDocumentedTableIsTheOneEnforced() throws IOException {
        String document = Files.readString(Path.of("../docs/console.md"));
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        assertThat(start).as("docs/console.md has the markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String documented = document.substring(start + START.length(), end).strip();
        String generated = table();
        Files.writeString(Path.of("target/permissions-table.md"), generated + "\n");
        assertThat(documented)
                .as(
                        "docs/console.md's permission table is stale: paste server/target/permissions-table.md between the markers")
                .isEqualTo(generated);
    }

    private static String table() {
        StringBuilder table = new StringBuilder();
        table.append("| Action | ")
                .append(Arrays.stream(Role.values()).map(Role::name).collect(Collectors.joining(" | ")))
                .append(" |\n|---|")
                .append(Arrays.stream(Role.values()).map(role -> ":-:").collect(Collectors.joining("|")))
                .append("|\n");
        for (Action action : Action.values()) {
            table.append("| ").append(action.name()).append(" | ");
            table.append(Arrays.stream(Role.values())
                    .map(role -> Permissions.allows(role, action) ? "✓" : "")
                    .collect(Collectors.joining(" | ")));
            table.append(" |\n");
        }
        return table.toString().strip();
    }
}
