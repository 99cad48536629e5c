/**
 * The S3 HTTP gateway: routing, authentication, operation families, checksums, encryption, metrics,
 * health and admin routes. Everything below HTTP (objects, versions, quorum) is the object layer's
 * ({@code io.cairn.object}); the cluster and the command line live in modules above this one.
 */
package io.cairn.gateway;
