import type { FormFailure } from "../../core/utils/forms";
import { FieldErrorText, fieldState, type AppField } from "./Field";

/**
 * A labelled group of radio buttons that keeps the refused value and shows its error. Fed by
 * `field` (Conform's metadata from `useAppForm`) or by `name` and `failure`.
 */
export function Radios({
  field,
  legend,
  options,
  value,
  failure,
  ...named
}: {
  legend: string;
  options: Array<{ value: string; label: string }>;
  value: string;
  failure?: FormFailure;
} & ({ field: AppField; name?: never } | { name: string; field?: never })) {
  const fromForm = field ? fieldState(field) : undefined;
  const name = fromForm?.name ?? named.name ?? "";
  const error = fromForm ? fromForm.error : failure?.fieldErrors[name];
  const sent = failure?.values[name];
  const chosen = fromForm
    ? (fromForm.defaultValue ?? value)
    : typeof sent === "string"
      ? sent
      : value;
  return (
    <fieldset
      className={error ? "choices field--invalid" : "choices"}
      aria-describedby={error ? `field-${name}-error` : undefined}
    >
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" name={name} value={o.value} defaultChecked={chosen === o.value} />{" "}
          {o.label}
        </label>
      ))}
      <FieldErrorText id={`field-${name}`} error={error} />
    </fieldset>
  );
}
