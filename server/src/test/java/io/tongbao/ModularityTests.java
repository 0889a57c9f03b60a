package io.tongbao;

import com.tngtech.archunit.core.domain.JavaClass;
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

    @Test
    void writesTheModuleDiagrams() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
