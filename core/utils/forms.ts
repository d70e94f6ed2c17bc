/**
 * Form parsing with zod: one schema per form, shared by the component (field hints) and the action
 * (the real check). Errors travel as message keys and are translated where they are shown.
 */
import type { z } from "zod";
import { isMessageKey, type MessageKey, type MessageParams } from "../i18n";

export interface FieldError {
  key: MessageKey;
  params?: MessageParams;
}
export type FieldErrors = Record<string, FieldError>;

type Issue = z.core.$ZodIssue;

/** The numbers a catalog message may need ({min}, {max}), whatever key the schema chose. */
function boundsOf(issue: Issue): MessageParams | undefined {
  if (issue.code === "too_small") return { min: Number(issue.minimum) };
  if (issue.code === "too_big") return { max: Number(issue.maximum) };
  return undefined;
}

export function messageFor(issue: Issue): FieldError {
  if (isMessageKey(issue.message)) {
    const params = boundsOf(issue);
    return params ? { key: issue.message, params } : { key: issue.message };
  }
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

/** Names no form uses and that could reach an object's prototype: dropped on reading. */
const FORBIDDEN_NAMES = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Turns FormData into a plain object: repeated names become arrays; empty strings are kept.
 * Names that could reach a prototype (`__proto__`, `constructor`, `prototype`) are dropped.
 */
export function formDataToObject(formData: FormData, arrayFields: readonly string[] = []) {
  const out: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || FORBIDDEN_NAMES.has(name)) continue;
    if (arrayFields.includes(name)) {
      ((out[name] ??= []) as string[]).push(value);
    } else {
      out[name] = value;
    }
  }
  for (const name of arrayFields) out[name] ??= [];
  return out;
}

/**
 * The message of one zod issue for the field it names, given what the field sent: an empty field
 * says "required" rather than "at least N characters" (unless the schema chose its own key).
 */
export function issueMessage(issue: Issue, sent: readonly unknown[]): FieldError {
  const empty = sent.every((v) => typeof v === "string" && v.trim() === "");
  return empty && issue.code === "too_small" && !isMessageKey(issue.message)
    ? { key: "errors.required" }
    : messageFor(issue);
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

/** The largest form body read (URL-encoded or multipart without a file): 1 MiB. */
export const MAX_FORM_BYTES = 1024 * 1024;
/** Beyond this, a too-large body is not even drained to answer politely: the connection is cut. */
export const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

/** The refusal of a body over the limit: the error page explains it (see root.tsx). */
function payloadTooLarge() {
  return new Response("Payload Too Large", {
    status: 413,
    statusText: "Payload Too Large",
    headers: { Connection: "close" },
  });
}

/**
 * Reads a form body with a size limit, checked on the declared length and while reading: a
 * larger body is answered with a 413 (thrown Response). A body that is not a form (no or a wrong
 * content type, malformed multipart) reads as an empty form, so the schema names what is missing
 * rather than the server failing.
 */
export async function readFormData(request: Request, maxBytes = MAX_FORM_BYTES) {
  const parsed = await readFormDataWithin(request, maxBytes);
  if (!parsed) throw payloadTooLarge();
  return parsed;
}

/**
 * readFormData's work: the form, or null when the body is over `maxBytes` (the rest of it is
 * drained, or the connection cut when far over). Multipart bodies with files are parsed too.
 */
export async function readFormDataWithin(
  request: Request,
  maxBytes: number,
): Promise<FormData | null> {
  const declared = Number(request.headers.get("content-length") ?? "");
  const contentType = request.headers.get("content-type") ?? "";
  const body = request.body;
  if (!body) return new FormData();
  const reader = body.getReader();
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (declared > MAX_DRAIN_BYTES) await reader.cancel().catch(() => undefined);
    else await drain(reader, 0);
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await drain(reader, size);
      return null;
    }
    chunks.push(value);
  }
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) {
    return new FormData();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return await new Response(bytes, {
      headers: { "Content-Type": contentType },
    }).formData();
  } catch {
    return new FormData();
  }
}

/**
 * Reads and discards the rest of a refused body so the client receives the 413 on an intact
 * connection; a body far over the limit is cut instead.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, already: number) {
  let size = already;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
    if (size > MAX_DRAIN_BYTES) {
      await reader.cancel().catch(() => undefined);
      return;
    }
  }
}

export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  arrayFields: readonly string[] = [],
) {
  return parseWith(schema, formDataToObject(await readFormData(request), arrayFields));
}

/** What an action returns when a form is refused: field errors (keys) and the values to refill. */
export interface FormFailure {
  fieldErrors: FieldErrors;
  values: Record<string, unknown>;
}

export function isFormFailure(value: unknown): value is FormFailure {
  return typeof value === "object" && value !== null && "fieldErrors" in value;
}
