/** AWS Signature Version 4: signing, verification, presigned URLs and POST policies. JDK only. */
package io.cairn.presign;
