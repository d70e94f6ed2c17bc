/**
 * Form parsing with zod: one schema per form, shared by the component (field hints) and the action
 * (the real check). Errors travel as message keys and are translated where they are shown.
 */
import type { z } from "zod";
import { isMessageKey, type MessageKey, type MessageParams } from "~/i18n";

export interface FieldError {
  key: MessageKey;
  params?: MessageParams;
}
export type FieldErrors = Record<string, FieldError>;

type Issue = z.core.$ZodIssue;

function messageFor(issue: Issue): FieldError {
  if (isMessageKey(issue.message)) return { key: issue.message };
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1
          ? { key: "errors.required" }
          : { key: "errors.tooShort", params: { min: Number(issue.minimum) } };
      }
      if (issue.origin === "array" || issue.origin === "set") {
        return { key: "errors.chooseAtLeast", params: { min: Number(issue.minimum) } };
      }
      return { key: "errors.tooSmall", params: { min: Number(issue.minimum) } };
    case "too_big":
      if (issue.origin === "string") {
        return { key: "errors.tooLong", params: { max: Number(issue.maximum) } };
      }
      return { key: "errors.tooBig", params: { max: Number(issue.maximum) } };
    case "invalid_format":
      if (issue.format === "email") return { key: "errors.email" };
      if (issue.format === "date" || issue.format === "datetime") return { key: "errors.date" };
      return { key: "errors.format" };
    case "invalid_value":
      return { key: "errors.choice" };
    case "invalid_type":
      return issue.input === undefined || issue.input === ""
        ? { key: "errors.required" }
        : { key: "errors.format" };
    default:
      return { key: "errors.format" };
  }
}

/**
 * A check across fields that runs even when other fields of the form are invalid, as long as the
 * fields it reads are valid, so that every error shows at once.
 */
export function crossField<T>(
  fields: readonly (keyof T & string)[],
  check: (value: T) => boolean,
  path: keyof T & string,
  message: MessageKey,
) {
  const options: {
    path: PropertyKey[];
    message: string;
    when: (payload: { issues: ReadonlyArray<{ path?: readonly PropertyKey[] }> }) => boolean;
  } = {
    path: [path],
    message,
    when: (payload) =>
      !payload.issues.some((i) => fields.includes(String(i.path?.[0]) as keyof T & string)),
  };
  return [check, options] as [typeof check, typeof options];
}

/** Turns FormData into a plain object: repeated names become arrays; empty strings are kept. */
export function formDataToObject(formData: FormData, arrayFields: readonly string[] = []) {
  const out: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    if (arrayFields.includes(name)) {
      ((out[name] ??= []) as string[]).push(value);
    } else {
      out[name] = value;
    }
  }
  for (const name of arrayFields) out[name] ??= [];
  return out;
}

export type ParseResult<T> =
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: Record<string, unknown> };

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: Record<string, unknown>,
): ParseResult<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    // An empty field says "required" rather than "at least N characters".
    const value = issue.path.length === 1 ? input[String(issue.path[0])] : undefined;
    const empty = value === undefined || (typeof value === "string" && value.trim() === "");
    const message = messageFor(issue);
    fieldErrors[field] ??=
      empty && issue.code === "too_small" && !isMessageKey(issue.message) && issue.path.length === 1
        ? { key: "errors.required" }
        : message;
    // An error inside a list ("needs.0.tag") is shown next to the list itself.
    if (issue.path.length > 1) fieldErrors[String(issue.path[0])] ??= message;
  }
  // Never echo secrets back into the page.
  const values = { ...input };
  for (const key of Object.keys(values)) if (/password/i.test(key)) delete values[key];
  return { ok: false, fieldErrors, values };
}

export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  arrayFields: readonly string[] = [],
) {
  return parseWith(schema, formDataToObject(await request.formData(), arrayFields));
}

/** What an action returns when a form is refused: field errors (keys) and the values to refill. */
export interface FormFailure {
  fieldErrors: FieldErrors;
  values: Record<string, unknown>;
}

export function isFormFailure(value: unknown): value is FormFailure {
  return typeof value === "object" && value !== null && "fieldErrors" in value;
}
