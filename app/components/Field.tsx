import type { InputHTMLAttributes, ReactNode } from "react";
import type { FieldError } from "~/utils/forms";
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

export function FormErrorSummary({ errors }: { errors?: Record<string, FieldError> }) {
  const { t } = useT();
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      {errors.form ? t(errors.form.key, errors.form.params) : t("forms.fixErrors")}
    </div>
  );
}
