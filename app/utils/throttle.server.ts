/**
 * Rate limits of pages, in minutes to wait: failed sign-ins per email and per client address,
 * account creations and interest-form saves per client address. The numbers and the counting are
 * in core/security/rate-limits.ts (shared by every process of a cluster with PostgreSQL).
 */
import type { RateLimitName } from "../../core/security/rate-limits";
import type { Services } from "../../core/services";

const minutes = (ms: number) => (ms > 0 ? Math.max(1, Math.ceil(ms / 60_000)) : 0);

/** Minutes to wait before trying to sign in again, or 0 when allowed. */
export async function signInWaitMinutes(s: Services, email: string, ip: string): Promise<number> {
  const limits = s.limits;
  const [byEmail, byAddress] = await Promise.all([
    limits.wait("signInEmail", email),
    limits.wait("signInAddress", ip),
  ]);
  return minutes(Math.max(byEmail, byAddress));
}

export async function recordSignInFailure(s: Services, email: string, ip: string) {
  const limits = s.limits;
  await Promise.all([limits.count("signInEmail", email), limits.count("signInAddress", ip)]);
}

export async function clearSignInFailures(s: Services, email: string) {
  await s.limits.reset("signInEmail", email);
}

/**
 * Counts one use of a per-address limit: 0 when allowed, or the minutes to wait when the limit was
 * already reached within its window.
 */
export async function rateLimit(
  s: Services,
  name: Extract<RateLimitName, "signUpAddress" | "applyAddress">,
  ip: string,
): Promise<number> {
  return minutes(await s.limits.consume(name, ip));
}
