package io.chimeraforge.bench.internal.client;

/**
 * Outcome of a health or model check: ok, or a message a user can act on.
 *
 * @param ok      whether the check passed
 * @param message empty on success (model check) or a status/remediation text
 */
public record Preflight(boolean ok, String message) {
}
