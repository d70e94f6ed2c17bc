/**
 * Every rate limit of the app, in one place, counted by rate-limiter-flexible: in this process's
 * memory with the lowdb engine (one process), in PostgreSQL with the PostgreSQL engine, so that
 * every process of a cluster shares the same counts (a person sent to another process by the
 * load balancer gets no fresh allowance). See docs/decisions/0012-sessions-headers-authorization.md
 * ("Rate limits").
 *
 * Routes and sockets ask the services' limits (`s.limits`, core/services/index.ts) by limit name; none of
 * them builds a limiter.
 * The counts use the library's window: it starts at a key's first use and lasts the limit's
 * duration, after which the key starts again from zero.
 */
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

export const RATE_LIMITS = {
  /**
   * Failed sign-ins per account (email) and client address: once reached, that address's attempts
   * for that account are refused without a look at the password (an attacker's guesses stop; the
   * person signing in from anywhere else is not concerned). A successful sign-in clears them.
   */
  signInPair: { points: 5, seconds: 15 * 60 },
  /**
   * Failed sign-ins per client address, whatever the account: once reached, a wrong password or an
   * unknown account from that address is answered "too many attempts", while a right password still
   * signs in (a workshop behind one address is not locked out by one of its machines).
   */
  signInAddress: { points: 20, seconds: 15 * 60 },
  /**
   * Account creations per client address: enough for a workshop of several dozen people signing up
   * together behind one connection, not for a script (each attempt costs a password hash and may
   * tell whether an email is taken).
   */
  signUpAddress: { points: 60, seconds: 60 * 60 },
  /**
   * Forgotten-password requests per client address (each costs an e-mail); past it the form says
   * to wait, whatever the address asked about, so the answer tells nothing about accounts.
   */
  passwordResetAddress: { points: 10, seconds: 60 * 60 },
  /**
   * Forgotten-password e-mails per address asked about, whoever asks: past it, requests are
   * answered as usual and nothing is sent (nobody floods an inbox with them).
   */
  passwordResetAccount: { points: 3, seconds: 60 * 60 },
  /** Wrong current passwords on the account page per person (a borrowed session guessing). */
  accountPassword: { points: 5, seconds: 15 * 60 },
  /** New-address requests per person (each sends an e-mail to the address given). */
  emailChangePerson: { points: 5, seconds: 60 * 60 },
  /** Saves of the public interest form per client address (each may send an email). */
  applyAddress: { points: 20, seconds: 10 * 60 },
  /** Chat messages per person in a speed-dating event. */
  chatPerson: { points: 5, seconds: 5 },
} as const;
export type RateLimitName = keyof typeof RATE_LIMITS;

/** The PostgreSQL table of the counts (created by migration 5 in core/store/pg-migrations.ts). */
export const RATE_LIMIT_TABLE = "rate_limits";

type Limiter = RateLimiterMemory | RateLimiterPostgres;

export class RateLimits {
  private readonly limiters: Record<RateLimitName, Limiter>;

  /** In memory, or in PostgreSQL on `pool` (the store's). */
  constructor(pool?: pg.Pool) {
    const names = Object.keys(RATE_LIMITS) as RateLimitName[];
    this.limiters = Object.fromEntries(
      names.map((name, i) => {
        const options = {
          keyPrefix: name,
          points: RATE_LIMITS[name].points,
          duration: RATE_LIMITS[name].seconds,
        };
        const limiter: Limiter = pool
          ? new RateLimiterPostgres({
              ...options,
              storeClient: pool,
              storeType: "pool",
              tableName: RATE_LIMIT_TABLE,
              // The table comes from the store's migrations, not from the library at run time.
              tableCreated: true,
              // One table for every limit: the first one's timer deletes the expired rows of all.
              clearExpiredByTimeout: i === 0,
            })
          : new RateLimiterMemory(options);
        return [name, limiter];
      }),
    ) as Record<RateLimitName, Limiter>;
  }

  /**
   * Counts one use of `key` under a limit: 0 when it is allowed, or the milliseconds to wait when
   * the limit was already reached (a refused use does not push the end of the window back).
   */
  async consume(name: RateLimitName, key: string): Promise<number> {
    try {
      await this.limiters[name].consume(key);
      return 0;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext);
      throw error;
    }
  }

  /** The milliseconds to wait before `key` may be used again (0: now), without counting a use. */
  async wait(name: RateLimitName, key: string): Promise<number> {
    const res = await this.limiters[name].get(key);
    if (!res || res.consumedPoints < RATE_LIMITS[name].points) return 0;
    return Math.max(1, res.msBeforeNext);
  }

  /** Counts one use that already happened (a failed sign-in), never refusing it. */
  async count(name: RateLimitName, key: string): Promise<void> {
    await this.limiters[name].penalty(key);
  }

  /** Forgets a key's uses (a successful sign-in clears its failures). */
  async reset(name: RateLimitName, key: string): Promise<void> {
    await this.limiters[name].delete(key);
  }
}
