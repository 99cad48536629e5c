/**
 * Bucket lifecycle: the LifecycleConfiguration document (Put/Get/DeleteBucketLifecycle, stored as the bucket's
 * "lifecycle" configuration), the policy that says what the rules do to a key at an instant, and the durable,
 * resumable background job that applies it.
 */
package io.cairn.gateway.lifecycle;
