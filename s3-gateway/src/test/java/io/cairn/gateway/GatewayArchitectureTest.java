package io.cairn.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway's packages, top down; each uses only layers below it, and only those it names:
 * <pre>
 *   Web                 web       browser endpoints (preflight, POST forms, URNs) wired onto a server
 *   Admin               admin     operator routes, the metrics listener, their wiring around a store
 *   Metrics             metrics   registry, Prometheus text, request and drive metrics
 *   Server              http      the Netty server: pipeline, request lifecycle; assembles the S3 API
 *   Health              health    liveness, readiness, drive probes
 *   Cors, Post, Urn,    cors ...  operation families and endpoints in packages of their own; lifecycle
 *   Lifecycle, Notify             also runs the rules in the background, notify delivers bucket notifications
 *   Api                 s3        routing, dispatch, this package's operation families, S3 errors
 *   Auth                auth      SigV4 and body verification
 *   Policy              policy    bucket policies (IAM JSON) and ACL grants: evaluation, no HTTP
 *   Checksum, Xml,      ...       wire formats, encryption and configuration: no HTTP, no S3 errors
 *   Crypto, Config
 * </pre>
 */
@AnalyzeClasses(packages = "io.cairn.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTest {

    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Web").definedBy("io.cairn.gateway.web..")
            .layer("Admin").definedBy("io.cairn.gateway.admin..")
            .layer("Metrics").definedBy("io.cairn.gateway.metrics..")
            .layer("Server").definedBy("io.cairn.gateway.http..")
            .layer("Health").definedBy("io.cairn.gateway.health..")
            .layer("Cors").definedBy("io.cairn.gateway.cors..")
            .layer("Lifecycle").definedBy("io.cairn.gateway.lifecycle..")
            .layer("Post").definedBy("io.cairn.gateway.post..")
            .layer("Urn").definedBy("io.cairn.gateway.urn..")
            .layer("Notify").definedBy("io.cairn.gateway.notify..")
            .layer("Api").definedBy("io.cairn.gateway.s3..")
            .layer("Auth").definedBy("io.cairn.gateway.auth..")
            .layer("Policy").definedBy("io.cairn.gateway.policy..")
            .layer("Checksum").definedBy("io.cairn.gateway.checksum..")
            .layer("Xml").definedBy("io.cairn.gateway.xml..")
            .layer("Crypto").definedBy("io.cairn.gateway.crypto..")
            .layer("Config").definedBy("io.cairn.gateway.config..")

            .whereLayer("Web").mayOnlyAccessLayers("Server", "Cors", "Post", "Urn", "Api", "Auth",
                    "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Admin").mayOnlyAccessLayers("Metrics", "Server", "Health", "Lifecycle", "Notify", "Api",
                    "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Metrics").mayOnlyAccessLayers("Server", "Health", "Api",
                    "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Server").mayOnlyAccessLayers("Cors", "Lifecycle", "Notify", "Api", "Auth",
                    "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Health").mayOnlyAccessLayers("Api",
                    "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Cors").mayOnlyAccessLayers("Api", "Auth", "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Lifecycle").mayOnlyAccessLayers("Api", "Xml")
            .whereLayer("Post").mayOnlyAccessLayers("Api", "Auth", "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Urn").mayOnlyAccessLayers("Api", "Auth", "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Notify").mayOnlyAccessLayers("Api", "Xml", "Config")
            .whereLayer("Api").mayOnlyAccessLayers("Auth", "Policy", "Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Policy").mayNotAccessAnyLayer()
            .whereLayer("Auth").mayOnlyAccessLayers("Checksum", "Xml", "Crypto", "Config")
            .whereLayer("Checksum").mayNotAccessAnyLayer()
            .whereLayer("Xml").mayNotAccessAnyLayer()
            .whereLayer("Crypto").mayNotAccessAnyLayer()
            .whereLayer("Config").mayNotAccessAnyLayer()
            // A new package must take its place in this map; the root holds only the module's description.
            .ensureAllClassesAreContainedInArchitectureIgnoring("io.cairn.gateway");

    @ArchTest
    static final ArchRule NO_CYCLES = slices().matching("io.cairn.gateway.(*)..").should().beFreeOfCycles();

    /** Wire formats and encryption are plain Java: they can be tested, and reused, without a server. */
    @ArchTest
    static final ArchRule FORMATS_KNOW_NOTHING_OF_HTTP = noClasses().that()
            .resideInAnyPackage("io.cairn.gateway.checksum..", "io.cairn.gateway.xml..", "io.cairn.gateway.crypto..",
                    "io.cairn.gateway.config..", "io.cairn.gateway.policy..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..");

    /** The gateway is one consumer of the object layer; the cluster and the command line are built on it. */
    @ArchTest
    static final ArchRule KNOWS_NOTHING_ABOVE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.cairn.cluster..", "io.cairn.cli..");
}
