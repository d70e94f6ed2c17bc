/**
 * The one place where a refusal of the domain becomes an action's answer
 * (docs/decisions/0019-one-form-pattern.md). Routes call their model in a `try` and hand anything
 * it throws to `replyWithError`, which answers:
 * - a DomainError with status 404, or the store's NotFoundError: a thrown 404 (the page does not
 *   say whether the thing exists);
 * - a DomainError with broken rules (a refused group): `{ violations }` with its status;
 * - any other DomainError: the form refused (`refuse`), the message next to its field or at the
 *   top of the form, with the error's status;
 * - anything else is thrown again (a 500 the error page explains).
 */
import { data } from "@remix-run/node";
import { formatDate, type MessageKey, type MessageParams } from "../../core/i18n";
import { isDomainError, type DomainError } from "../../core/errors";
import { isStoreError } from "../../core/store";
import type { z } from "zod";
import { refuse, type FormSubmission } from "./forms.server";
import { getLocale } from "./locale.server";
import { notFound } from "./permissions.server";

export interface ErrorReplyOptions {
  /** Another wording for some codes on this page (`{ "email-taken": "auth.signUp.emailTakenSignIn" }`). */
  messages?: Partial<Record<string, MessageKey>>;
}

/** The error's message parameters, its instants written in the reader's language. */
function paramsOf(error: DomainError, request: Request): MessageParams | undefined {
  if (!error.dateParams) return error.params;
  const locale = getLocale(request);
  const dates = Object.fromEntries(
    Object.entries(error.dateParams).map(([name, iso]) => [
      name,
      formatDate(locale, iso, { dateStyle: "full", timeStyle: "short" }),
    ]),
  );
  return { ...error.params, ...dates };
}

/**
 * The answer to what a model threw while an action handled `submission` (or a form without
 * fields: `null`). Returns the refusal, throws a 404 or rethrows what is not the domain's.
 */
export function replyWithError<S extends z.ZodType>(
  request: Request,
  submission: FormSubmission<S> | null,
  error: unknown,
  options: ErrorReplyOptions = {},
) {
  if (isStoreError(error, "NotFoundError")) throw notFound();
  if (!isDomainError(error)) throw error;
  if (error.status === 404) throw notFound();
  if (error.violations.length > 0) {
    return data({ violations: error.violations }, { status: error.status });
  }
  const message = {
    key: options.messages?.[error.code] ?? error.messageKey,
    params: paramsOf(error, request),
  };
  if (!submission) {
    return data({ status: "error" as const, error: { "": [message] } }, { status: error.status });
  }
  return refuse(submission, {
    ...(error.field ? { fieldErrors: { [error.field]: message } } : { formError: message }),
    refill: error.refill,
    status: error.status,
  });
}
