/**
 * Metrics: one dropwizard registry per process, series named with their Prometheus labels, a text-format
 * exporter, and the sources that feed it (S3 requests, drives, erasure coding, the JVM).
 */
package io.cairn.gateway.metrics;
