package io.cairn.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.cairn.cli.AccessLogOptions.RotatingFile;
import io.cairn.gateway.metrics.AccessLog;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback, the binary's logging backend, from the command's options once they are parsed: Logback
 * already read its configuration when the first logger was made (before the options were known), so this
 * reads it again with the chosen format, then gives the access log its own rotating file when asked.
 */
final class LogSetup {

    static final String BUILT_IN = "logback.xml";
    /** The variable the configuration picks its console appender by (logback.xml). */
    static final String FORMAT_VARIABLE = "CAIRN_LOG_FORMAT";
    static final String ACCESS_APPENDER = "access-file";

    private LogSetup() {
    }

    /** Applies {@code options}; {@code accessLog} non-null sends the access log to that file alone. */
    static void apply(LogOptions options, RotatingFile accessLog) {
        String format = options.format();
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return; // another backend (a library's test class path): it keeps its own configuration
        }
        long start = System.currentTimeMillis();
        URL config = configuration(options.configFile);
        context.reset();
        context.putProperty(FORMAT_VARIABLE, format);
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        try {
            joran.doConfigure(config);
        } catch (JoranException e) {
            // the error is also in the status list, read below
        }
        failOnErrors(context, start, "log configuration " + config);
        if (accessLog != null) {
            attachAccessFile(context, accessLog, format);
            failOnErrors(context, start, "--access-log " + accessLog.path());
        }
    }

    /** --log-config, else the JVM's logback.configurationFile property, else the built-in file. */
    static URL configuration(Path configFile) {
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("--log-config: no such file: " + configFile);
            }
            return url(configFile);
        }
        String property = System.getProperty("logback.configurationFile");
        if (property != null && !property.isBlank()) {
            Path asFile = Path.of(property);
            if (Files.isRegularFile(asFile)) {
                return url(asFile);
            }
            URL resource = LogSetup.class.getClassLoader().getResource(property);
            if (resource != null) {
                return resource;
            }
            try {
                return new URL(property);
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("-Dlogback.configurationFile: no such file: " + property);
            }
        }
        return LogSetup.class.getClassLoader().getResource(BUILT_IN);
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a file name: " + file);
        }
    }

    /**
     * The access log's lines in their own file, not in the main log, rotated by size: FILE.1 is the newest
     * rotated file, FILE.N the oldest kept. The lines are already written off the event loop by the access
     * log's own thread, so the appender writes synchronously.
     */
    private static void attachAccessFile(LoggerContext context, RotatingFile file, String format) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(ACCESS_APPENDER);
        appender.setFile(file.path().toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.path() + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(file.keep());
        appender.setRollingPolicy(rolling);

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(file.maxBytes()));
        trigger.setCheckIncrement(Duration.buildByMilliseconds(file.checkEvery().toMillis()));
        appender.setTriggeringPolicy(trigger);

        appender.setEncoder(accessEncoder(context, format));
        rolling.start();
        trigger.start();
        appender.start();

        Logger access = context.getLogger(AccessLog.LOGGER);
        access.setLevel(Level.INFO);
        access.setAdditive(false);
        access.addAppender(appender);
    }

    /** Text: the logfmt line with its time first; JSON: the same object per line as the main log. */
    private static Encoder<ILoggingEvent> accessEncoder(LoggerContext context, String format) {
        if (format.equals(LogOptions.JSON)) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("time=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %msg%n");
        text.start();
        return text;
    }

    private static void failOnErrors(LoggerContext context, long since, String what) {
        StatusUtil status = new StatusUtil(context);
        if (status.getHighestLevel(since) < Status.ERROR) {
            return;
        }
        String errors = StatusUtil.filterStatusListByTimeThreshold(context.getStatusManager().getCopyOfStatusList(),
                        since).stream()
                .filter(s -> s.getEffectiveLevel() >= Status.ERROR)
                .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : " (" + s.getThrowable() + ")"))
                .collect(Collectors.joining("; "));
        throw new IllegalArgumentException(what + ": " + errors);
    }
}
