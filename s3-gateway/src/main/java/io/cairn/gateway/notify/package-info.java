/**
 * Bucket notifications: the S3 NotificationConfiguration document and its operations, the rules that decide
 * which commits produce events (the object layer's outbox hook), the S3 event JSON, the delivery worker that
 * reads the outbox and delivers with retry in per-key order, and the targets (HTTP webhook, Apache Kafka) the
 * operator configures. The object layer only records and resolves outbox entries; everything that speaks to
 * the outside world is here. docs/FORMAT.md ("Outbox") and docs/RELIABILITY.md ("Notifications") say why.
 */
package io.cairn.gateway.notify;
