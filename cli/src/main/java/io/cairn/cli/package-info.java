/**
 * The {@code cairn} command (picocli): {@code cairn server} wires drives, the object layer,
 * authentication and the gateway by hand and runs until SIGTERM; with {@code --peers} it is one process
 * of a cluster ({@link io.cairn.cluster}); {@code cairn node} serves drives only.
 */
package io.cairn.cli;
