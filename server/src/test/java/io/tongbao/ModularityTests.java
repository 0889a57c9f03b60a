package io.tongbao;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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
        noClasses()
                .that()
                .resideOutsideOfPackages("io.tongbao.demo..", "io.tongbao.sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.tongbao.sandbox..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tongbao"));
    }

    @Test
    void onlyThePackagesDeclaredAsModulesAreModules() {
        // the sdk (a merchant's client) and the sandbox share io.tongbao on the test class path; neither is a module
        assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
                .doesNotContain("sdk", "sandbox")
                .contains(
                        "shared",
                        "platform",
                        "merchant",
                        "gateway",
                        "payment",
                        "channel",
                        "webhook",
                        "ledger",
                        "demo",
                        "console");
    }

    /**
     * docs/architecture.md shows docs/modules/components.svg, rendered from docs/modules/components.puml: that copy
     * must be the diagram the code gives today. Compared as a set of lines, because Spring Modulith writes the
     * modules and their relations in no fixed order.
     */
    @Test
    void theModuleDiagramInTheDocsIsTheOneTheCodeGives() throws IOException {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
        Path generated = Path.of("target/spring-modulith-docs/components.puml");
        Path documented = Path.of("../docs/modules/components.puml");
        assertThat(Set.copyOf(Files.readAllLines(documented)))
                .as(
                        "docs/modules/components.puml is stale: copy %s over it and run docs/modules/render.sh",
                        generated.toAbsolutePath().normalize())
                .isEqualTo(Set.copyOf(Files.readAllLines(generated)));
    }
}
