/**
 * One type for the refusals of the domain: a rule says no (an application window closed, a stale
 * version, a group that breaks a rule, a record that is not there). Each carries what a page needs
 * to answer: a stable `code`, a catalog `messageKey` (with `params`), the form `field` at fault if
 * one is, and the HTTP `status`. Routes never test for each class: one function maps any of them
 * to the action's answer (app/utils/errors.server.ts). Models keep throwing their named
 * subclasses, so their throw sites read as before.
 *
 * The Remix server build and the server bundle each hold a copy of `core/`, so `instanceof` fails
 * across them: `isDomainError` checks a brand that every copy sets.
 */
import type { MessageKey, MessageParams } from "./i18n";

/** A broken rule with the people concerned (names or ids, as the rule reports them). */
export interface RuleViolation {
  code: string;
  names: string[];
}

export interface DomainErrorInit {
  /** The class's name, written out: bundlers may rename classes. */
  name?: string;
  code: string;
  messageKey: MessageKey;
  /** HTTP status of the refusal: 400 by default; 404 answers "not found" without a page. */
  status?: number;
  /** The form field the message belongs next to; none for a message about the whole form. */
  field?: string;
  params?: MessageParams;
  /** Instants (ISO) the message names, written in the reader's language and Quebec time. */
  dateParams?: Record<string, string>;
  /** Values shown in the refused form instead of what was sent (e.g. a label with names hidden). */
  refill?: Record<string, string>;
  /** The broken rules, one line each (a refused group). */
  violations?: readonly RuleViolation[];
}

/** The brand every copy of this module sets and checks (see `isDomainError`). */
const BRAND = "maillage.DomainError";

export class DomainError extends Error {
  readonly brand: typeof BRAND = BRAND;
  readonly code: string;
  readonly messageKey: MessageKey;
  readonly status: number;
  readonly field?: string;
  readonly params?: MessageParams;
  readonly dateParams?: Record<string, string>;
  readonly refill?: Record<string, string>;
  readonly violations: readonly RuleViolation[];

  constructor(init: DomainErrorInit) {
    super(init.code);
    this.name = init.name ?? "DomainError";
    this.code = init.code;
    this.messageKey = init.messageKey;
    this.status = init.status ?? 400;
    this.field = init.field;
    this.params = init.params;
    this.dateParams = init.dateParams;
    this.refill = init.refill;
    this.violations = init.violations ?? [];
  }
}

/** Whether a value is a DomainError, from this copy of `core/` or the other bundle's. */
export function isDomainError(error: unknown): error is DomainError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { brand?: unknown }).brand === BRAND &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { status?: unknown }).status === "number"
  );
}

/** A DomainError of a given class, matched by name (works across the two bundles). */
export function isDomainErrorNamed(error: unknown, name: string): error is DomainError {
  return isDomainError(error) && error.name === name;
}
