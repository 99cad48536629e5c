package io.cairn.object;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The object layer's place in the module graph:
 * <pre>
 *   above it   cluster, s3-gateway, cli            never imported from here
 *   it         io.cairn.object                     objects, versions, multipart, quorum, heal
 *   below it   erasure, storage (io.cairn.storage)  the codec and the drives as ShardStores
 * </pre>
 * It knows nothing of HTTP or S3, and a remote drive is a ShardStore like any other: the node protocol
 * (io.cairn.storage.node) and Netty are not its business.
 */
@AnalyzeClasses(packages = "io.cairn.object", importOptions = ImportOption.DoNotIncludeTests.class)
class ObjectLayerArchitectureTest {

    @ArchTest
    static final ArchRule USES_ONLY_THE_CODEC_AND_DRIVES = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.cairn.object..", "io.cairn.erasure..", "io.cairn.storage", "java..",
                    "com.fasterxml.jackson..", "org.slf4j..");

    @ArchTest
    static final ArchRule KNOWS_NOTHING_ABOVE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.cairn.gateway..", "io.cairn.cluster..", "io.cairn.cli..", "io.cairn.placement..",
                    "io.cairn.presign..", "io.cairn.storage.node..", "io.netty..");
}
