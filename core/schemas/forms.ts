/**
 * Form errors as catalog keys (docs/decisions/0019-one-form-pattern.md): a zod issue becomes the
 * message shown next to its field, translated where it is shown; `crossField` checks a rule
 * across fields. Forms are read by app/utils/forms.server.ts (body limits: core/utils/forms.ts).
 */
import type { z } from "zod";
import { isMessageKey, type MessageKey, type MessageParams } from "../i18n";

/** A message shown next to a field (or at the top of a form): a catalog key and its values. */
export interface FieldError {
  key: MessageKey;
  params?: MessageParams;
}

type Issue = z.core.$ZodIssue;

/**
 * The values a catalog message may need ({min}, {max}), whatever key the schema chose: a bound's,
 * or those a refinement gave as its `params` (fields.ts's inRange gives both bounds).
 */
function boundsOf(issue: Issue): MessageParams | undefined {
  if (issue.code === "too_small") return { min: Number(issue.minimum) };
  if (issue.code === "too_big") return { max: Number(issue.maximum) };
  if (issue.code === "custom" && issue.params) {
    const values = Object.entries(issue.params as Record<string, unknown>).filter(
      (entry): entry is [string, string | number] =>
        typeof entry[1] === "number" || typeof entry[1] === "string",
    );
    return values.length > 0 ? Object.fromEntries(values) : undefined;
  }
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
      if (issue.origin === "array" || issue.origin === "set") {
        return { key: "errors.chooseAtMost", params: { max: Number(issue.maximum) } };
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

/** The parts of a zod schema's definition that `textLimits` reads (no zod import needed). */
interface SchemaNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, SchemaNode>;
      options?: SchemaNode[];
      in?: SchemaNode;
      out?: SchemaNode;
      innerType?: SchemaNode;
    };
    bag?: { maximum?: unknown };
  };
  /** A zod string's longest length (from its checks). */
  maxLength?: number | null;
}

/**
 * The longest text each field of a form's schema takes, by the field's name as the form posts it
 * (`concept`, `comment.goals`): the page shows it as a live counter, from the schema itself so
 * that no limit is written twice. Where a union's branches differ, the stricter limit is given.
 */
export function textLimits(schema: z.ZodType): Record<string, number> {
  const limits: Record<string, number> = {};
  const visit = (node: SchemaNode | undefined, name: string) => {
    if (!node) return;
    const def = node._zod.def;
    switch (def.type) {
      case "object":
        for (const [key, child] of Object.entries(def.shape ?? {}))
          visit(child, name ? `${name}.${key}` : key);
        return;
      case "union":
        for (const option of def.options ?? []) visit(option, name);
        return;
      case "pipe":
        visit(def.in, name);
        visit(def.out, name);
        return;
      case "default":
      case "prefault":
      case "optional":
      case "nullable":
      case "catch":
        visit(def.innerType, name);
        return;
      case "string": {
        const max = node.maxLength ?? node._zod.bag?.maximum;
        if (name && typeof max === "number" && Number.isFinite(max))
          limits[name] = Math.min(limits[name] ?? max, max);
        return;
      }
      default:
        return;
    }
  };
  visit(schema as unknown as SchemaNode, "");
  return limits;
}
