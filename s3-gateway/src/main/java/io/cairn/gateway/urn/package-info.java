/**
 * Predictable upload keys: the {@code urn:cairn:<namespace>:<kind>:<id>} scheme and its pure mapping to
 * bucket + key ({@link io.cairn.gateway.urn.Urn}), minting (a reservation plus presigned PUT and POST form),
 * status (pending, committed, expired, unknown) and a long-poll that answers when the object commits.
 * See docs/URN.md.
 */
package io.cairn.gateway.urn;
