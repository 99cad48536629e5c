/**
 * Operator views: the reserved {@code /-/} routes on the S3 port (health, metrics, admin info), the
 * separate metrics listener, and the wiring of metrics, health and the access log around a store.
 * {@link io.cairn.gateway.admin.Progress} reports long admin operations.
 */
package io.cairn.gateway.admin;
