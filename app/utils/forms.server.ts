/**
 * The server half of the one form pattern (docs/decisions/0019-one-form-pattern.md): an action
 * reads its form with `parseSubmission(request, schema)` — Conform's `parseWithZod` over the body
 * read within its size limit, with the project's translated messages — and answers a refusal with
 * `refuse(submission, …)` or, for a refusal of the domain, `replyWithError` (errors.server.ts).
 * The page reads the answer with `useAppForm` (app/utils/forms.ts).
 */
import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { z } from "zod";
import { MAX_FORM_BYTES, readFormDataWithin } from "../../core/utils/forms";
import { issueMessage, type FieldError } from "../../core/schemas/forms";
import { UNKNOWN_ACTION_KEY, type FormErrors, type Reply } from "./forms";
import { SUBMISSION_FIELD } from "./submission";

export type { FormErrors, Reply } from "./forms";

/** A parsed form: Conform's submission, its errors as catalog keys. */
export type FormSubmission<S extends z.ZodType> = Submission<z.input<S>, FormErrors, z.output<S>>;

/** Names Conform reserves for its own intents and state; our forms send neither. */
const CONFORM_NAMES = new Set(["__intent__", "__state__"]);

/** The refusal of a body over the limit: the error page explains it (see root.tsx). */
function payloadTooLarge() {
  return new Response("Payload Too Large", {
    status: 413,
    statusText: "Payload Too Large",
    headers: { Connection: "close" },
  });
}

/**
 * Reads the request's form (within `maxBytes`, else a thrown 413) and parses it with the route's
 * schema. Values reach the schema as the form sent them (strings; a repeated name becomes a list;
 * `a.b` and `a[0]` names become objects and lists): no coercion, so a schema reads exactly what a
 * browser without scripts posts. Each error is a list of catalog keys; an error inside a list
 * (`needs[0].tag`) is also shown next to the list itself (`needs`).
 */
export async function parseSubmission<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes = MAX_FORM_BYTES, lists = [] }: ParseOptions = {},
): Promise<FormSubmission<S>> {
  const body = await readFormDataWithin(request, maxBytes);
  if (!body) throw payloadTooLarge();
  return parseFormData(body, schema, { lists });
}

export interface ParseOptions {
  /** The largest body read (default 1 MiB); beyond, a 413. */
  maxBytes?: number;
  /**
   * Names that are lists (checkboxes, repeated rows): always a list for the schema, empty when
   * nothing was sent, one element when one was.
   */
  lists?: readonly string[];
}

/** The payload with each list name as a list. */
function withLists(payload: unknown, lists: readonly string[]): unknown {
  if (!lists.length || typeof payload !== "object" || payload === null) return payload;
  const out: Record<string, unknown> = { ...payload };
  for (const name of lists) {
    const value = out[name];
    out[name] = value === undefined ? [] : Array.isArray(value) ? value : [value];
  }
  return out;
}

/** parseSubmission's parsing, for a form already read (a multipart upload). */
export function parseFormData<S extends z.ZodType>(
  body: FormData,
  schema: S,
  { lists = [] }: Pick<ParseOptions, "lists"> = {},
): FormSubmission<S> {
  const form = new FormData();
  for (const [name, value] of body.entries()) {
    // A forged Conform intent would make Conform throw (a 500): our forms use none.
    if (!CONFORM_NAMES.has(name)) form.append(name, value);
  }
  const submission = parseWithZod(form, {
    schema: lists.length ? z.preprocess((v) => withLists(v, lists), schema) : schema,
    disableAutoCoercion: true,
    formatError: (issues: z.core.$ZodIssue[]): FormErrors =>
      issues.slice(0, 1).map((issue) => issueMessage(issue, form.getAll(nameOf(issue.path)))),
  }) as FormSubmission<S>;
  if (submission.status === "error" && submission.error) {
    // The same object Conform replies with: the list's own entry is added to it.
    const errors = submission.error;
    for (const [name, error] of Object.entries({ ...errors })) {
      const list = /^[^.[]+(?=[.[])/.exec(name)?.[0];
      if (list && error && !errors[list]) errors[list] = error;
    }
  }
  return submission;
}

/** The form name of a zod path, as Conform writes it: `needs[0].tag`. */
function nameOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, segment) => {
    if (typeof segment === "number") return `${name}[${segment}]`;
    return name ? `${name}.${String(segment)}` : String(segment);
  }, "");
}

/**
 * Names never sent back to the page: secrets, the one-time submission key, and files (a file input
 * cannot be refilled; a File sent back as a form value sent the page into an endless re-render).
 */
function hiddenFields(payload: Record<string, unknown>): string[] {
  const isFile = (value: unknown) =>
    value instanceof Blob || (Array.isArray(value) && value.some((v) => v instanceof Blob));
  return [
    SUBMISSION_FIELD,
    ...Object.keys(payload).filter((name) => /password/i.test(name) || isFile(payload[name])),
  ];
}

const UNKNOWN_ACTION: FieldError = { key: UNKNOWN_ACTION_KEY };

export interface Refusal {
  /** A message about the whole form (shown at its top). */
  formError?: FieldError;
  /** Messages next to fields, by the field's name. */
  fieldErrors?: Record<string, FieldError>;
  /** Values to show instead of what was sent. */
  refill?: Record<string, string>;
  status?: number;
}

/**
 * The answer to a refused form (status 400 unless told): Conform's result with the parse's
 * errors and any added ones, and the values to refill — never a password.
 */
export function refuse<S extends z.ZodType>(
  submission: FormSubmission<S>,
  { formError, fieldErrors, refill, status = 400 }: Refusal = {},
) {
  if (refill) Object.assign(submission.payload, refill);
  // An `intent` the page's forms do not send (a forged or outdated request) has no field to show
  // its error at: the form says so at its top.
  const unknownAction =
    submission.status === "error" && submission.error?.intent ? UNKNOWN_ACTION : undefined;
  const reply: Reply = submission.reply({
    formErrors: formError ? [formError] : unknownAction ? [unknownAction] : undefined,
    fieldErrors: fieldErrors
      ? Object.fromEntries(Object.entries(fieldErrors).map(([name, e]) => [name, [e]]))
      : undefined,
    hideFields: hiddenFields(submission.payload),
  });
  return data(reply, { status });
}
