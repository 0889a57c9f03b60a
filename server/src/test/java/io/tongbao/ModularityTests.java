package io.tongbao;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(TongbaoApplication.class);

    @Test
    void modulesOnlyDependOnWhatTheyAreAllowedTo() {
        modules.verify();
    }

    /** The sandbox is no module here, so {@link #modulesOnlyDependOnWhatTheyAreAllowedTo} cannot see who uses it. */
    @Test
    void onlyTheDemoKnowsTheSandbox() {
        noClasses().that().resideOutsideOfPackages("io.tongbao.demo..", "io.tongbao.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("io.tongbao.sandbox..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tongbao"));
    }

    @Test
    void onlyThePackagesDeclaredAsModulesAreModules() {
        // the sdk (a merchant's client) and the sandbox share io.tongbao on the test class path; neither is a module
        assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
                .doesNotContain("sdk", "sandbox")
                .contains("shared", "platform", "merchant", "gateway", "payment", "channel", "webhook", "ledger", "demo");
    }

    @Test
    void writesTheModuleDiagrams() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
