package io.cairn.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The storage module, bottom up:
 * <pre>
 *   Node   io.cairn.storage.node   the node server and the remote drive client, over Netty
 *   Drive  io.cairn.storage        the ShardStore API and drives as plain files: the JDK and SLF4J only
 * </pre>
 * It stores opaque shards: nothing here knows of objects, erasure coding, placement, clusters or S3.
 */
@AnalyzeClasses(packages = "io.cairn.storage", importOptions = ImportOption.DoNotIncludeTests.class)
class StorageArchitectureTest {

    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Drive").definedBy("io.cairn.storage")
            .layer("Node").definedBy("io.cairn.storage.node..")
            .whereLayer("Drive").mayNotAccessAnyLayer()
            .whereLayer("Node").mayOnlyAccessLayers("Drive")
            .ensureAllClassesAreContainedInArchitecture();

    /** A drive is files on a disk: no network library, so a local store never drags one in. */
    @ArchTest
    static final ArchRule DRIVES_NEED_ONLY_THE_JDK = classes().that().resideInAPackage("io.cairn.storage")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.cairn.storage", "java..", "org.slf4j..");

    @ArchTest
    static final ArchRule KNOWS_NOTHING_OF_WHAT_IS_STORED = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.cairn.erasure..", "io.cairn.placement..", "io.cairn.presign..",
                    "io.cairn.object..", "io.cairn.cluster..", "io.cairn.gateway..", "io.cairn.cli..");
}
