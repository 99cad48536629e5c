/**
 * POST Object, the browser form upload: a streaming multipart/form-data reader (the file part goes
 * straight into the object layer, never into memory), the POST policy check (expiration, every condition,
 * every field covered) signed with SigV4 or with the legacy HMAC-SHA1 policy signature S3 still takes from
 * forms, and S3's success_action_status / success_action_redirect answers.
 */
package io.cairn.gateway.post;
