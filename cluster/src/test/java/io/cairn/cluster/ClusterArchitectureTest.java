package io.cairn.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The cluster's place in the module graph:
 * <pre>
 *   above it   s3-gateway, cli                                 never imported from here
 *   it         io.cairn.cluster                                runtime, map changes, migration, fenced locks
 *   below it   object, placement, storage (drives and nodes),  and Netty's event loops for the node clients
 *              erasure (stripe layouts), tls (the node protocol's certificates)
 * </pre>
 * It speaks to peers through the storage node protocol and their health endpoint, never through S3 code.
 */
@AnalyzeClasses(packages = "io.cairn.cluster", importOptions = ImportOption.DoNotIncludeTests.class)
class ClusterArchitectureTest {

    @ArchTest
    static final ArchRule USES_ONLY_THE_LAYERS_BELOW = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.cairn.cluster..", "io.cairn.object..", "io.cairn.placement..",
                    "io.cairn.storage..", "io.cairn.erasure..", "io.cairn.tls..", "io.netty.channel..",
                    "io.netty.util..", "java..", "com.fasterxml.jackson..", "org.slf4j..");

    @ArchTest
    static final ArchRule KNOWS_NOTHING_ABOVE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.cairn.gateway..", "io.cairn.cli..", "io.cairn.presign..",
                    "io.netty.handler.codec.http..");
}
