package io.cairn.gateway.config;

/** Invalid configuration; the message is one line that names the option and where its value came from. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
