/**
 * Rate limits of pages, in minutes to wait: failed sign-ins per account at an address and per address,
 * account creations and interest-form saves per client address. The numbers and the counting are
 * in core/security/rate-limits.ts (shared by every process of a cluster with PostgreSQL).
 */
import type { RateLimitName } from "../../core/security/rate-limits";
import type { Services } from "../../core/services";

const minutes = (ms: number) => (ms > 0 ? Math.max(1, Math.ceil(ms / 60_000)) : 0);

/**
 * The key of an account at an address. The email is normalized by the caller; an IPv6 address
 * cannot hold "|", an email may, so the address comes first.
 */
const pairKey = (email: string, ip: string) => `${ip}|${email}`;

/**
 * Minutes to wait before this address may try this account again (0: allowed). Only the failures
 * of this account at this address count: nobody can lock a person out from elsewhere (ADR 0029).
 */
export async function signInWaitMinutes(s: Services, email: string, ip: string): Promise<number> {
  return minutes(await s.limits.wait("signInPair", pairKey(email, ip)));
}

/**
 * Counts a failed sign-in for this account at this address and for the address. Returns the
 * minutes to wait when the address has failed too often (its failures are then answered "too many
 * attempts", never "wrong password"), or 0.
 */
export async function recordSignInFailure(s: Services, email: string, ip: string) {
  const limits = s.limits;
  const addressWait = await limits.wait("signInAddress", ip);
  await Promise.all([
    limits.count("signInPair", pairKey(email, ip)),
    limits.count("signInAddress", ip),
  ]);
  return minutes(addressWait);
}

/** A right password clears the failures of this account at this address. */
export async function clearSignInFailures(s: Services, email: string, ip: string) {
  await s.limits.reset("signInPair", pairKey(email, ip));
}

/**
 * Counts one use of a per-address limit: 0 when allowed, or the minutes to wait when the limit was
 * already reached within its window.
 */
export async function rateLimit(
  s: Services,
  name: Extract<RateLimitName, "signUpAddress" | "applyAddress" | "passwordResetAddress">,
  ip: string,
): Promise<number> {
  return minutes(await s.limits.consume(name, ip));
}
