/**
 * S3 XML documents (requests and responses) as records, and {@link io.cairn.gateway.xml.Xml}, the only
 * reader and writer: responses in the S3 namespace, requests parsed without DTDs or external entities and
 * with a size cap.
 */
package io.cairn.gateway.xml;
