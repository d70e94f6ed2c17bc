/**
 * The page half of the one form pattern (docs/decisions/0019-one-form-pattern.md): `useAppForm`
 * is Conform's `useForm` fed with the action's answer (`lastResult`). There is no validation in
 * the browser: the server's answer carries the errors (catalog keys) and the values to refill, so
 * the page reads the same with or without scripts, and zod stays out of the page's scripts.
 */
import {
  getFormProps,
  useForm,
  type DefaultValue,
  type FormMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import { useMemo } from "react";
import type { FieldError } from "../../core/schemas/forms";

/** A field's errors: catalog keys, the first one shown. */
export type FormErrors = FieldError[];
/** What an action answers a refused form with (from `refuse`, app/utils/forms.server.ts). */
export type Reply = SubmissionResult<FormErrors>;

/** Whether an action's answer is a form reply (rather than a page's own data). */
export function isReply(value: unknown): value is Reply {
  return (
    typeof value === "object" &&
    value !== null &&
    "status" in value &&
    ("error" in value || "initialValue" in value)
  );
}

/** The intent a reply's form carried (`intent` field), to match it with the form that sent it. */
export function intentOf(reply: Reply): string | undefined {
  const intent = reply.initialValue?.intent;
  return typeof intent === "string" ? intent : undefined;
}

const SETTLED: Reply = { status: "success" };
/**
 * What a form reads when the answer is not its reply: one object for every render (a new `{}`
 * each time would be a new `lastResult` for Conform on every render; see `useAppForm`).
 */
export const NOT_A_REPLY = Object.freeze({});

/** The form-level error of an action the page does not have (`refuse`, forms.server.ts). */
export const UNKNOWN_ACTION_KEY = "errors.unknownAction";

/**
 * A refusal of an action the page does not have, as the main form shows it: its message, without
 * the values sent (another form's, or none), so the form keeps showing its own (`defaultValue`).
 */
function withOwnValues(reply: Reply): Reply {
  const unknown = reply.error?.[""]?.some((e) => e.key === UNKNOWN_ACTION_KEY);
  return unknown ? { status: reply.status, error: reply.error } : reply;
}

export interface AppFormOptions<Schema extends Record<string, unknown>> {
  /** The form's intent, on a page with several forms: only a reply to this intent is shown. */
  intent?: string;
  /**
   * For the same form repeated on a page (one per meeting, say): the submitted values that tell
   * this copy's reply from the others' (e.g. `{ meetingId }`).
   */
  match?: Readonly<Record<string, string>>;
  /** The answer to read, for a fetcher's form (default: the route's action data). */
  lastResult?: unknown;
  /** The values shown before any submission (from the loader). */
  defaultValue?: DefaultValue<Schema>;
  /** A stable id, for pages with the same form more than once. */
  id?: string;
}

/**
 * The page's form: `[form, fields]` as Conform's `useForm` gives them. After an answer that is
 * not this form's refusal (a success, another form's refusal) the form's errors are cleared and
 * its values kept.
 */
export function useAppForm<Schema extends Record<string, unknown>>(
  options: AppFormOptions<Schema> = {},
) {
  const actionData: unknown = useActionData();
  const given = "lastResult" in options ? options.lastResult : actionData;
  // Conform reports every new `lastResult` it is given, and a report renders the form again: an
  // answer that is not a reply (built anew on each render, say) is one value, or the page would
  // render until React gives up.
  const answer = given === undefined || given === null || isReply(given) ? given : NOT_A_REPLY;
  const { intent } = options;
  const match = options.match ? JSON.stringify(options.match) : undefined;
  const lastResult = useMemo(() => {
    if (answer === undefined || answer === null) return undefined;
    if (isReply(answer) && (intent === undefined || intentOf(answer) === intent)) {
      const wanted: Record<string, string> = match ? JSON.parse(match) : {};
      const mine = Object.entries(wanted).every(([k, v]) => answer.initialValue?.[k] === v);
      if (mine) return withOwnValues(answer);
    }
    return { ...SETTLED };
  }, [answer, intent, match]);
  return useForm<Schema, Schema, FormErrors>({
    id: options.id,
    lastResult,
    defaultValue: options.defaultValue,
    shouldValidate: "onSubmit",
  });
}

/**
 * The `<Form>`'s props from Conform (`id`, `onSubmit`, `noValidate`): the error summary and the
 * fields carry the ARIA attributes, not the form.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form
export function formProps(form: FormMetadata<any, FormErrors>) {
  return getFormProps(form, { ariaAttributes: false });
}
