import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldError } from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";

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

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: FieldError;
  /** Several forms of the same kind on one page need distinct ids. */
  idPrefix?: string;
}

export function Field({ name, label, hint, error, idPrefix = "field", ...input }: FieldProps) {
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
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

export function FormErrorSummary({ errors }: { errors?: Record<string, FieldError> }) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const shown = Boolean(errors && Object.keys(errors).length > 0);
  useEffect(() => {
    if (shown && ref.current) focusFirstProblem(ref.current);
  }, [errors, shown]);
  if (!errors || !shown) return null;
  return (
    <div className="alert alert--error" role="alert" ref={ref} tabIndex={-1}>
      {errors.form ? t(errors.form.key, errors.form.params) : t("forms.fixErrors")}
    </div>
  );
}
