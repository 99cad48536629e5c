/**
 * TLS from PEM files: {@link io.cairn.tls.ServerTls} and {@link io.cairn.tls.ClientTls} turn a certificate
 * chain, its PKCS#8 key and (for mutual authentication) a trusted CA into Netty {@code SslHandler}s, TLS 1.2
 * and 1.3 only, and take renewed files into use without a restart: connections opened after a renewal get
 * the new certificate, open ones keep theirs. Knows nothing of S3 or of the node protocol; the S3 gateway
 * and the storage node both use it.
 */
package io.cairn.tls;
