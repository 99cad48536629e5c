/**
 * POST Object, the browser form upload: a streaming multipart/form-data reader (the file part goes
 * straight into the object layer, never into memory), the SigV4 POST policy check (expiration, every
 * condition, every field covered) and S3's success_action_status / success_action_redirect answers.
 */
package io.cairn.gateway.post;
