import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldError } from "../../core/schemas/forms";
import type { FormErrors } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { useCharacterCount, useFieldLimit } from "./CharacterCount";

/** A field of a form read with `useAppForm` (Conform's metadata, errors as catalog keys). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's field
export type AppField = FieldMetadata<any, any, FormErrors>;

/** What a field shows from Conform: its name, its value to refill and its first error. */
export function fieldState(field: AppField) {
  return { name: field.name, defaultValue: field.defaultValue, error: field.errors?.[0] };
}

/** Error text for a field, next to it, announced with the field (aria-describedby). */
export function FieldErrorText({ id, error }: { id: string; error?: FieldError }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {t(error.key, error.params)}
    </p>
  );
}

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & {
  label: string;
  hint?: ReactNode;
  error?: FieldError;
  /** Several forms of the same kind on one page need distinct ids. */
  idPrefix?: string;
} & (
    | {
        /** The field from `useAppForm`: name, refilled value, error. */ field: AppField;
        name?: never;
      }
    | { name: string; field?: never }
  );

/**
 * A labelled input with its hint and its error (`<idPrefix>-<name>-error`), announced with it. Fed
 * by `field` (Conform's metadata from `useAppForm`), or by `name`, `defaultValue` and `error`.
 */
export function Field({ field, label, hint, idPrefix = "field", ...rest }: FieldProps) {
  const { name: ownName, error: ownError, ...input } = rest;
  const fromForm = field ? fieldState(field) : undefined;
  const name = fromForm?.name ?? ownName ?? "";
  const error = fromForm ? fromForm.error : ownError;
  if (fromForm && input.type !== "password" && input.defaultValue === undefined) {
    input.defaultValue = fromForm.defaultValue;
  }
  const id = `${idPrefix}-${name}`;
  // Typed text gets its counter (not addresses, numbers, dates or passwords).
  const counted = input.type === undefined || input.type === "text";
  const limit = useFieldLimit(name);
  const initial = typeof input.defaultValue === "string" ? input.defaultValue : "";
  const { countId, counter, onInput } = useCharacterCount(id, counted ? limit : undefined, initial);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : "", countId ?? ""]
    .filter(Boolean)
    .join(" ");
  const ownOnInput = input.onInput;
  if (onInput) {
    input.onInput = (e) => {
      onInput(e.currentTarget.value);
      ownOnInput?.(e);
    };
  }
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        {input.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {counter}
      <FieldErrorText id={id} error={error} />
    </div>
  );
}

const FOCUSABLE =
  "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

/**
 * Where the keyboard goes when a form comes back refused: the first field marked invalid in the
 * form this summary belongs to (inside it, or the next form after it), so that its label and its
 * error are read out; the summary itself when no single field is at fault.
 */
function focusFirstProblem(summary: HTMLElement) {
  let form = summary.closest("form");
  for (let next = summary.nextElementSibling; !form && next; next = next.nextElementSibling) {
    form = next instanceof HTMLFormElement ? next : next.querySelector("form");
  }
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid');
  const target = invalid?.matches(FOCUSABLE)
    ? invalid
    : invalid?.querySelector<HTMLElement>(FOCUSABLE);
  (target ?? summary).focus();
}

/**
 * The alert at the top of a refused form (`form` from `useAppForm`): the form's own message, else
 * "fix the errors below"; the keyboard goes to the first field in error.
 */
export function FormErrorSummary({
  form,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form
  form: FormMetadata<any, FormErrors>;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const all = form.allErrors;
  const shown = Object.keys(all).length > 0;
  const message = form.errors?.[0];
  // A new refusal (other errors, or the same form sent again) moves the keyboard again.
  const signature = shown ? `${form.status ?? ""}:${JSON.stringify(all)}` : "";
  useEffect(() => {
    if (signature && ref.current) focusFirstProblem(ref.current);
  }, [signature]);
  if (!shown) return null;
  return (
    <div className="alert alert--error" role="alert" ref={ref} tabIndex={-1}>
      {message ? t(message.key, message.params) : t("forms.fixErrors")}
    </div>
  );
}
