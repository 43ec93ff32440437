package dev.agentmail.domain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The domain holds the rules and nothing of the servers or protocols around it; its packages form layers. */
@AnalyzeClasses(packages = "dev.agentmail.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noServerProtocolOrHttpClientTypes = noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.apache.james..", "org.apache.mailet..", "org.glassfish.jersey..", "javax.ws.rs..",
            "org.eclipse.jetty..", "javax.servlet..", "com.fasterxml.jackson..", "java.net.http..", "javax.mail..",
            "java.sql..", "com.datastax..")
        .because("transports and backends are adapters behind the domain's ports");

    @ArchTest
    static final ArchRule modelDependsOnErrorsAlone = noClasses().that().resideInAPackage("dev.agentmail.domain.model..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.agentmail.domain.service..",
            "dev.agentmail.domain.store..", "dev.agentmail.domain.event..", "dev.agentmail.domain.port..");

    @ArchTest
    static final ArchRule storageKnowsNoServices = noClasses().that().resideInAPackage("dev.agentmail.domain.store..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.agentmail.domain.service..",
            "dev.agentmail.domain.event..", "dev.agentmail.domain.port..");

    @ArchTest
    static final ArchRule errorsKnowNothingElse = classes().that().resideInAPackage("dev.agentmail.domain.error..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.agentmail.domain.error..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.agentmail.domain.(*)..").should().beFreeOfCycles();
}
