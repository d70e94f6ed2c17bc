/**
 * The reasons the app stores and shows (a group's "why", why someone has no group): the matching
 * engine's reason codes (matching/reasons.ts) and two of the app's own, each with the parameters it
 * carries. The store validates them (core/store/schema.ts); core/data/reason-text.ts words them from
 * the catalogs' `reasons.<code>`.
 */
import { REASON_CODES, REASON_PARAMS, type ReasonParam } from "../../matching/reasons";

export const APP_REASON_PARAMS = {
  /** A coordinator moved the person out of a proposed group. */
  "moved-out": [],
  /**
   * A sentence stored before reasons had codes (document version 4, core/store/migrations.ts):
   * its French and English text, shown as they were written. It has no catalog entry.
   */
  "legacy-text": ["fr", "en"],
} as const satisfies Record<string, readonly string[]>;

export const STORED_REASON_PARAMS: Readonly<Record<string, readonly string[]>> = {
  ...REASON_PARAMS,
  ...APP_REASON_PARAMS,
};

export const STORED_REASON_CODES = [
  ...REASON_CODES,
  ...(Object.keys(APP_REASON_PARAMS) as Array<keyof typeof APP_REASON_PARAMS>),
] as const;

export type StoredReasonCode = (typeof STORED_REASON_CODES)[number];

export interface StoredReason {
  code: StoredReasonCode;
  params: Record<string, ReasonParam>;
}
