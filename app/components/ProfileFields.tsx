/** Fields shared by the interest form and the profile page: style, availability, tags. */
import { DAY_PARTS, WEEKDAYS } from "../../core/data/vocabulary";
import type { FieldError } from "../../core/schemas/forms";
import { tagLabel, type TagOption } from "../../core/data/tag-label";
import { useT } from "~/utils/i18n-react";
import { useCharacterCount, useFieldLimit } from "./CharacterCount";
import { FieldErrorText, type AppField } from "./Field";

export function WorkingStyleField({ value, error }: { value: string; error?: FieldError }) {
  const { t } = useT();
  return (
    <fieldset
      className={error ? "field--invalid" : undefined}
      aria-describedby={error ? "field-workingStyle-error" : undefined}
    >
      <legend>{t("profile.workingStyle")}</legend>
      {(["structured", "between", "intuitive"] as const).map((style) => (
        <div className="checkbox" key={style}>
          <input
            type="radio"
            id={`style-${style}`}
            name="workingStyle"
            value={style}
            defaultChecked={value === style}
          />
          <label htmlFor={`style-${style}`}>{t(`profile.styles.${style}`)}</label>
        </div>
      ))}
      <FieldErrorText id="field-workingStyle" error={error} />
    </fieldset>
  );
}

export function AvailabilityField({
  value,
  error,
}: {
  value: readonly string[];
  error?: FieldError;
}) {
  const { t } = useT();
  return (
    <fieldset
      className={error ? "field--invalid" : undefined}
      aria-describedby={error ? "field-availability-error" : undefined}
    >
      <legend>{t("profile.availability")}</legend>
      <div className="table-wrap">
        <table className="availability">
          <thead>
            <tr>
              <td />
              {DAY_PARTS.map((part) => (
                <th scope="col" key={part}>
                  {t(`profile.dayParts.${part}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day) => (
              <tr key={day}>
                <th scope="row">{t(`profile.days.${day}`)}</th>
                {DAY_PARTS.map((part) => {
                  const slot = `${day}-${part}`;
                  return (
                    <td key={slot}>
                      <input
                        type="checkbox"
                        name="availability"
                        value={slot}
                        defaultChecked={value.includes(slot)}
                        aria-label={`${t(`profile.days.${day}`)} – ${t(`profile.dayParts.${part}`)}`}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FieldErrorText id="field-availability" error={error} />
    </fieldset>
  );
}

export function ExpertiseField({
  tags,
  value,
  error,
}: {
  tags: readonly TagOption[];
  value: readonly string[];
  error?: FieldError;
}) {
  const { t, locale } = useT();
  return (
    <fieldset
      className={error ? "field--invalid" : undefined}
      aria-describedby={error ? "field-expertise-error" : undefined}
    >
      <legend>{t("profile.expertise")}</legend>
      <p className="field-hint">{t("profile.expertiseHint")}</p>
      <div className="checkbox-grid">
        {tags.map((tag) => (
          <div className="checkbox" key={tag.id}>
            <input
              type="checkbox"
              id={`expertise-${tag.id}`}
              name="expertise"
              value={tag.id}
              defaultChecked={value.includes(tag.id)}
            />
            <label htmlFor={`expertise-${tag.id}`}>{tagLabel(tag, locale)}</label>
          </div>
        ))}
      </div>
      <FieldErrorText id="field-expertise" error={error} />
    </fieldset>
  );
}

/**
 * A labelled text area with its hint and error. Fed by `field` (Conform's metadata from
 * `useAppForm`: name, refilled value, error; `value` is then the text shown when the form has
 * none), or by `name`, `value` and `error`.
 */
export function TextArea({
  field,
  name: ownName = "",
  label,
  hint,
  value: ownValue = "",
  error: ownError,
  rows = 4,
  required,
}: {
  label: string;
  hint?: string;
  value?: string;
  error?: FieldError;
  rows?: number;
  required?: boolean;
} & ({ field: AppField; name?: never } | { name: string; field?: never })) {
  const name = field ? field.name : ownName;
  const value = field ? (field.defaultValue ?? ownValue) : ownValue;
  const error = field ? field.errors?.[0] : ownError;
  const id = `field-${name}`;
  const shown = typeof value === "string" ? value : "";
  const { countId, counter, onInput } = useCharacterCount(id, useFieldLimit(name), shown);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : "", countId ?? ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onInput={onInput ? (e) => onInput(e.currentTarget.value) : undefined}
      />
      {counter}
      <FieldErrorText id={id} error={error} />
    </div>
  );
}
