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

/**
 * Account creations from one client address: enough for a workshop of several dozen people
 * signing up together behind one connection, not for a script (each attempt costs a password hash
 * and may tell whether an email is taken).
 */
export const SIGNUP_LIMIT = { max: 60, windowMs: 60 * 60_000 };

const hits = new Map<string, number[]>();

/**
 * A sliding-window limit: records one use of `key` and returns 0 when allowed, or the minutes to
 * wait when `max` uses already happened within `windowMs`.
 */
export function rateLimit(key: string, max: number, windowMs: number, now = Date.now()): number {
  const list = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
  if (list.length >= max) {
    hits.set(key, list);
    return Math.max(1, Math.ceil((list[list.length - max]! + windowMs - now) / 60_000));
  }
  list.push(now);
  hits.set(key, list);
  if (hits.size > 10_000) {
    for (const [k, v] of hits) if (v.every((t) => now - t >= windowMs)) hits.delete(k);
  }
  return 0;
}
