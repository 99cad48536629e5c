/**
 * The {@code cairn} command (picocli): {@code cairn server} wires drives, the object layer,
 * authentication and the gateway by hand and runs until SIGTERM.
 */
package io.cairn.gateway.cli;
