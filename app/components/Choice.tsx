import type { FormFailure } from "../../core/utils/forms";
import { valueOf } from "~/utils/form-hooks";
import { FieldErrorText, fieldState, type AppField } from "./Field";

/**
 * A labelled select that keeps the refused value and shows its error next to it. Fed by `field`
 * (Conform's metadata from `useAppForm`; `value` is then the value before any submission) or by
 * `name` and `failure`.
 */
export function Choice({
  field,
  label,
  options,
  value,
  failure,
  idPrefix = "field",
  ...named
}: {
  idPrefix?: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value: string;
  failure?: FormFailure;
} & ({ field: AppField; name?: never } | { name: string; field?: never })) {
  const fromForm = field ? fieldState(field) : undefined;
  const name = fromForm?.name ?? named.name ?? "";
  const error = fromForm ? fromForm.error : failure?.fieldErrors[name];
  const shown = fromForm ? (fromForm.defaultValue ?? value) : valueOf(failure, name, value);
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <select
        id={`${idPrefix}-${name}`}
        name={name}
        defaultValue={shown}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${idPrefix}-${name}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrorText id={`${idPrefix}-${name}`} error={error} />
    </div>
  );
}
