package io.tongbao;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(TongbaoApplication.class);

    @Test
    void modulesOnlyDependOnWhatTheyAreAllowedTo() {
        modules.verify();
    }

    @Test
    void onlyThePackagesDeclaredAsModulesAreModules() {
        // the sdk (a merchant's client) and the sandbox share io.tongbao on the test class path; neither is a module
        assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
                .doesNotContain("sdk", "sandbox")
                .contains("shared", "platform", "merchant", "payment", "channel", "webhook", "ledger");
    }

    @Test
    void writesTheModuleDiagrams() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
