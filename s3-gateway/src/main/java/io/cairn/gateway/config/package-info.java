/**
 * Configuration sources for the {@code cairn} commands: every option from its flag, a {@code CAIRN_*}
 * environment variable or a simple {@code option = value} file, in that order of precedence.
 */
package io.cairn.gateway.config;
