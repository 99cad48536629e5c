/**
 * Wires browser access into the gateway: which requests bypass the S3 router (preflight OPTIONS, POST form
 * uploads, the /-/urn/ endpoints), how each is authenticated, and which bucket's CORS rules apply to a
 * response.
 */
package io.cairn.gateway.web;
