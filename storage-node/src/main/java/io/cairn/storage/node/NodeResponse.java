package io.cairn.storage.node;

/** A node's whole answer: status, error family (null on success), and the first {@code length} bytes of body. */
record NodeResponse(int status, String error, byte[] body, int length, boolean keepAlive) {
}
