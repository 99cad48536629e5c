/**
 * Access policies in the IAM JSON grammar (bucket policies) and their evaluation, plus the ACL grant model:
 * plain Java, no HTTP and no S3 errors. A policy is parsed once ({@link io.cairn.gateway.policy.Policy#parse})
 * into statements that answer one question: for this principal, action, resource and set of condition keys,
 * does the policy explicitly deny, allow, or say nothing?
 */
package io.cairn.gateway.policy;
