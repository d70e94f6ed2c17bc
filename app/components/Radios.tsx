import { FieldErrorText, fieldState, type AppField } from "./Field";

/**
 * A labelled group of radio buttons that keeps the refused value and shows its error, fed by
 * `field` (Conform's metadata from `useAppForm`; `value` is checked before any submission).
 */
export function Radios({
  field,
  legend,
  options,
  value,
}: {
  legend: string;
  options: Array<{ value: string; label: string }>;
  value: string;
  field: AppField;
}) {
  const { name, error, defaultValue } = fieldState(field);
  const chosen = defaultValue ?? value;
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
