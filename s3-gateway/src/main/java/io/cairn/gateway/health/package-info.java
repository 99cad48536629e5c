/**
 * Health: liveness, readiness (enough drives online for the write quorum) and a per-drive cluster view,
 * from a cached, time-bounded probe of every drive.
 */
package io.cairn.gateway.health;
