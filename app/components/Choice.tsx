import type { FormFailure } from "../../core/utils/forms";
import { valueOf } from "~/utils/form-hooks";
import { FieldErrorText } from "./Field";

/** A labelled select that keeps the refused value and shows its error next to it. */
export function Choice({
  name,
  label,
  options,
  value,
  failure,
  idPrefix = "field",
}: {
  idPrefix?: string;
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value: string;
  failure?: FormFailure;
}) {
  const error = failure?.fieldErrors[name];
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <select
        id={`${idPrefix}-${name}`}
        name={name}
        defaultValue={valueOf(failure, name, value)}
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
