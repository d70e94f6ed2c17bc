import { FieldErrorText, fieldState, type AppField } from "./Field";

/**
 * A labelled select that keeps the refused value and shows its error next to it. Fed by `field`
 * (Conform's metadata from `useAppForm`; `value` is then the value before any submission), or by
 * `name` alone for a select that is never refused (`value` shown).
 */
export function Choice({
  field,
  label,
  options,
  value,
  hint,
  idPrefix = "field",
  ...named
}: {
  idPrefix?: string;
  label: string;
  /** A sentence under the label that explains the choice (announced with the select). */
  hint?: string;
  options: Array<{ value: string; label: string }>;
  value: string;
} & ({ field: AppField; name?: never } | { name: string; field?: never })) {
  const fromForm = field ? fieldState(field) : undefined;
  const name = fromForm?.name ?? named.name ?? "";
  const error = fromForm?.error;
  const shown = fromForm ? (fromForm.defaultValue ?? value) : value;
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={shown}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
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
