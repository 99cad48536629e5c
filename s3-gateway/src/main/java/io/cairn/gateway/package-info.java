/** The S3 HTTP gateway: routing, authentication, operations, the object layer and the cairn command. */
package io.cairn.gateway;
