package io.tongbao;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    /** The sandbox shares the base package but is a separate Maven module, not one of the server's modules. */
    private final ApplicationModules modules = ApplicationModules.of(TongbaoApplication.class,
            JavaClass.Predicates.resideInAPackage("io.tongbao.sandbox.."));

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
    void writesTheModuleDiagrams() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
