package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.cli.AccessLogOptions.RotatingFile;
import io.cairn.gateway.metrics.AccessLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The binary's logging as an operator configures it: formats, levels, the access log's rotating file. */
class LogSetupTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LogSetup.apply(options(LogOptions.TEXT, null), null);
    }

    private static LogOptions options(String format, Path config) {
        LogOptions o = new LogOptions();
        o.format = format;
        o.configFile = config;
        return o;
    }

    private List<String> stderrLines() {
        return stderr.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonWritesOneValidJsonObjectPerLine() throws Exception {
        LogSetup.apply(options("json", null), null);
        Logger log = LoggerFactory.getLogger("io.cairn.test");
        log.info("plain {}", 1);
        log.warn("two\nlines and \"quotes\"");
        log.error("failed", new IOException("disk gone"));
        LoggerFactory.getLogger(AccessLog.LOGGER).info("request_id=ABC status=200");

        List<String> lines = stderrLines();
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            objects.add(node);
        }
        assertThat(objects).extracting(n -> n.path("level").asText()).containsExactly("INFO", "WARN", "ERROR", "INFO");
        assertThat(objects.get(0).path("formattedMessage").asText()).isEqualTo("plain 1");
        assertThat(objects.get(0).path("loggerName").asText()).isEqualTo("io.cairn.test");
        assertThat(objects.get(0).path("timestamp").asLong()).isPositive();
        assertThat(objects.get(1).path("formattedMessage").asText()).isEqualTo("two\nlines and \"quotes\"");
        assertThat(objects.get(2).path("throwable").toString()).contains("disk gone");
        assertThat(objects.get(3).path("loggerName").asText()).isEqualTo(AccessLog.LOGGER);
    }

    @Test
    void textIsTheDefaultWithLevelsPerPackage() {
        LogSetup.apply(options("text", null), null);
        LoggerFactory.getLogger("io.cairn.test").info("hello");
        LoggerFactory.getLogger("io.netty.test").info("netty chatter");
        LoggerFactory.getLogger("io.netty.test").warn("netty warning");
        assertThat(stderrLines()).hasSize(2);
        assertThat(stderrLines().get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ INFO  \\[.*] io.cairn.test - hello");
        assertThat(stderrLines().get(1)).endsWith("io.netty.test - netty warning");
    }

    @Test
    void aConfigFileReplacesTheBuiltInOneAndSeesTheFormat() throws Exception {
        Path config = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="err" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>custom ${CAIRN_LOG_FORMAT} %level %logger %msg%n</pattern></encoder>
                  </appender>
                  <logger name="io.cairn.quiet" level="ERROR"/>
                  <root level="DEBUG"><appender-ref ref="err"/></root>
                </configuration>
                """);
        LogSetup.apply(options("json", config), null);
        LoggerFactory.getLogger("io.cairn.loud").debug("debug shown");
        LoggerFactory.getLogger("io.cairn.quiet").warn("warning hidden");
        assertThat(stderrLines()).containsExactly("custom json DEBUG io.cairn.loud debug shown");
    }

    @Test
    void aBrokenConfigFileFailsTheStartNamingIt() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.xml"), "<configuration><appender name=\"x\"");
        assertThatThrownBy(() -> LogSetup.apply(options("text", config), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("log configuration " + config.toUri().toURL());
        assertThatThrownBy(() -> LogSetup.apply(options("text", dir.resolve("missing.xml")), null))
                .hasMessage("--log-config: no such file: " + dir.resolve("missing.xml"));
    }

    @Test
    void anUnknownFormatIsRefusedBeforeTheServerStarts() {
        CommandLine cli = new CommandLine(new CairnCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int status = CairnCommand.run(new String[] {"server", "--log-format", "xml", "--data",
                dir.resolve("data").toString()}, Map.of(), cli);
        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cairn: --log-format must be text or json: xml");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void theAccessLogHasItsOwnFileRotatedAtItsSize() throws Exception {
        Path file = dir.resolve("logs").resolve("access.log");
        LogSetup.apply(options("text", null), new RotatingFile(file, 1024, 2, Duration.ofMillis(50)));
        Logger access = LoggerFactory.getLogger(AccessLog.LOGGER);
        String filler = "x".repeat(150);
        int lines = 40;
        for (int i = 0; i < lines; i++) {
            access.info("request_id={} {}", String.format("%04d", i), filler);
            if (i % 4 == 3) {
                Thread.sleep(80); // the size is checked at most every 50 ms: bursts of 4 lines
            }
        }
        LoggerFactory.getLogger("io.cairn.test").info("main log line");

        assertThat(stderrLines()).hasSize(1).allMatch(l -> l.endsWith("main log line"));
        assertThat(file.resolveSibling("access.log.3")).doesNotExist();
        List<String> kept = new ArrayList<>();
        for (String name : List.of("access.log.2", "access.log.1", "access.log")) {
            Path p = file.resolveSibling(name);
            assertThat(p).exists();
            if (!name.equals("access.log")) {
                // rotated once it had reached the size, at most one paced burst (4 lines) later
                assertThat(Files.size(p)).isBetween(1024L, 1024L + 4 * 200);
            }
            kept.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
        }
        assertThat(kept).allMatch(l -> l.matches("time=\\d{4}-\\S+ request_id=\\d{4} x{150}"));
        List<Integer> ids = kept.stream().map(l -> Integer.parseInt(l.substring(l.indexOf("request_id=") + 11,
                l.indexOf("request_id=") + 15))).toList();
        // the newest lines, in order, the oldest rotated away
        assertThat(ids.get(ids.size() - 1)).isEqualTo(lines - 1);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
        }
        assertThat(ids.get(0)).isPositive();
    }

    @Test
    void accessLogOptionsKeepTheirEarlierMeaning() {
        AccessLogOptions o = new AccessLogOptions();
        assertThat(o.enabled()).isTrue();
        assertThat(o.file()).isNull();
        o.target = "false";
        assertThat(o.enabled()).isFalse();
        assertThat(o.file()).isNull();
        o.target = "/var/log/cairn/access.log";
        o.maxSize = "5MiB";
        o.maxFiles = 3;
        assertThat(o.enabled()).isTrue();
        assertThat(o.file()).isEqualTo(new RotatingFile(Path.of("/var/log/cairn/access.log"), 5 << 20, 3,
                Duration.ofSeconds(1)));
        o.maxFiles = 21;
        assertThatThrownBy(o::file).hasMessageStartingWith("--access-log-max-files must be 1 to 20");
        o.maxFiles = 3;
        o.maxSize = "lots";
        assertThatThrownBy(o::file).hasMessageStartingWith("--access-log-max-size must be a size");
    }
}
