/** The interest form's profile part: needs by priority, expertise, working style, availability. */
import { FieldErrorText } from "~/components/Field";
import {
  AvailabilityField,
  ExpertiseField,
  TextArea,
  WorkingStyleField,
} from "~/components/ProfileFields";
import { tagLabel, type TagOption } from "../../../core/data/tag-label";
import { useT } from "~/utils/i18n-react";
import { listOf, textOf, type ApplyFields } from "./fields";

export function ProfileSection({
  fields,
  taxonomy,
}: {
  fields: ApplyFields;
  taxonomy: readonly TagOption[];
}) {
  const { t, locale } = useT();
  const needsError = fields.needs?.errors?.[0];
  return (
    <>
      <fieldset
        className={needsError ? "field--invalid" : undefined}
        aria-describedby={needsError ? "field-needs-error" : undefined}
      >
        <legend>{t("profile.needs")}</legend>
        <p className="field-hint">{t("apply.needsHint")}</p>
        <div className="need-grid">
          {taxonomy.map((tag) => (
            <div className="field" key={tag.id}>
              <label htmlFor={`need-${tag.id}`}>{tagLabel(tag, locale)}</label>
              <select
                id={`need-${tag.id}`}
                name={`need.${tag.id}`}
                defaultValue={textOf(fields[`need.${tag.id}`])}
              >
                <option value="">{t("profile.priority.none")}</option>
                <option value="3">{t("profile.priority.3")}</option>
                <option value="2">{t("profile.priority.2")}</option>
                <option value="1">{t("profile.priority.1")}</option>
              </select>
            </div>
          ))}
        </div>
        <FieldErrorText id="field-needs" error={needsError} />
        <TextArea field={fields.needsText!} label={t("profile.needsText")} rows={3} />
      </fieldset>

      <ExpertiseField
        tags={taxonomy}
        value={listOf(fields.expertise)}
        error={fields.expertise?.errors?.[0]}
      />
      <TextArea field={fields.expertiseText!} label={t("profile.expertiseText")} rows={3} />
      <WorkingStyleField
        value={textOf(fields.workingStyle) || "between"}
        error={fields.workingStyle?.errors?.[0]}
      />
      <AvailabilityField
        value={listOf(fields.availability)}
        error={fields.availability?.errors?.[0]}
      />
    </>
  );
}
