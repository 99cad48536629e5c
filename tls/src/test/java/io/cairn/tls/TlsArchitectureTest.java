package io.cairn.tls;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The TLS module sits below the storage node and the gateway and serves both: it knows nothing of either,
 * nor of anything else of Cairn. PEM files in, Netty TLS handlers out.
 */
@AnalyzeClasses(packages = "io.cairn.tls", importOptions = ImportOption.DoNotIncludeTests.class)
class TlsArchitectureTest {

    @ArchTest
    static final ArchRule ONLY_THE_JDK_NETTY_AND_SLF4J = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.cairn.tls", "java..", "javax..", "io.netty..", "org.slf4j..");
}
