import type { FormFailure } from "../../core/utils/forms";
import { FieldErrorText } from "./Field";

/** A labelled group of radio buttons that keeps the refused value and shows its error. */
export function Radios({
  name,
  legend,
  options,
  value,
  failure,
}: {
  name: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  value: string;
  failure?: FormFailure;
}) {
  const error = failure?.fieldErrors[name];
  const chosen = typeof failure?.values[name] === "string" ? String(failure.values[name]) : value;
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
