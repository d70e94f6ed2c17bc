/**
 * Failed sign-in throttling, per email and per client IP, over a sliding window. In memory:
 * one process (a multi-process deployment moves this behind the store, see issue 9).
 */
const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

/** Minutes to wait before trying again, or 0 when allowed. */
export function signInWaitMinutes(email: string, ip: string, now = Date.now()): number {
  const checks: Array<[string, number]> = [
    [`email:${email}`, MAX_FAILURES_PER_EMAIL],
    [`ip:${ip}`, MAX_FAILURES_PER_IP],
  ];
  let wait = 0;
  for (const [key, max] of checks) {
    const list = recent(key, now);
    if (list.length >= max) {
      const oldest = list[list.length - max]!;
      wait = Math.max(wait, Math.ceil((oldest + WINDOW_MS - now) / 60_000));
    }
  }
  return wait;
}

export function recordSignInFailure(email: string, ip: string, now = Date.now()) {
  for (const key of [`email:${email}`, `ip:${ip}`]) {
    failures.set(key, [...recent(key, now), now]);
  }
}

export function clearSignInFailures(email: string) {
  failures.delete(`email:${email}`);
}
