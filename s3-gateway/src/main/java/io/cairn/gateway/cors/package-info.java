/**
 * Bucket CORS: the CORSConfiguration document (Put/Get/DeleteBucketCors, stored as the bucket's "cors"
 * configuration), preflight OPTIONS answered without authentication, and the Access-Control-* headers added
 * to every response (errors included) whose Origin a rule allows.
 */
package io.cairn.gateway.cors;
