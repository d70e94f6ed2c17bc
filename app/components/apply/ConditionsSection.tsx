/** The interest form's last parts: competing organizations, conditions and consent. */
import { FieldErrorText } from "~/components/Field";
import { OrganizationChecklist } from "~/components/OrganizationChecklist";
import { TextArea } from "~/components/ProfileFields";
import { LinkedText } from "~/components/LinkedText";
import { useT } from "~/utils/i18n-react";
import { listOf, textOf, type ApplyFields } from "./fields";

export function CompetitorsSection({
  fields,
  organizations,
}: {
  fields: ApplyFields;
  organizations: ReadonlyArray<{ id: string; name: string; region: string }>;
}) {
  const { t } = useT();
  return (
    <fieldset>
      <legend>{t("apply.sections.competitors")}</legend>
      {organizations.length > 0 ? (
        <>
          <p className="field-hint">{t("apply.competitorsHint")}</p>
          <OrganizationChecklist
            organizations={organizations}
            checked={listOf(fields.competitorOrgIds)}
            region={textOf(fields.region)}
          />
          <TextArea
            field={fields.competitorsText!}
            label={t("apply.fields.competitorsText")}
            rows={2}
          />
        </>
      ) : (
        // The public form names no organization: the applicant names them, the coordination
        // maps the names to the program's organizations during preselection.
        <TextArea
          field={fields.competitorsText!}
          label={t("apply.fields.competitorsNamed")}
          hint={t("apply.competitorsHintPublic")}
          rows={3}
        />
      )}
    </fieldset>
  );
}

export function ConditionsSection({ fields }: { fields: ApplyFields }) {
  const { t } = useT();
  const consentError = fields.consent?.errors?.[0];
  return (
    <fieldset>
      <legend>{t("apply.sections.conditions")}</legend>
      <p className="field-hint">{t("apply.conditionsHint")}</p>
      <div className="checkbox">
        <input
          type="checkbox"
          id="field-designatedThroughout"
          name="designatedThroughout"
          defaultChecked={textOf(fields.designatedThroughout) === "on"}
        />
        <label htmlFor="field-designatedThroughout">{t("apply.fields.designatedThroughout")}</label>
      </div>
      <div className="checkbox">
        <input
          type="checkbox"
          id="field-canImplement"
          name="canImplement"
          defaultChecked={textOf(fields.canImplement) === "on"}
        />
        <label htmlFor="field-canImplement">{t("apply.fields.canImplement")}</label>
      </div>
      <TextArea field={fields.comments!} label={t("apply.fields.comments")} rows={3} />
      <div className={consentError ? "checkbox field--invalid" : "checkbox"}>
        <input
          type="checkbox"
          id="field-consent"
          name="consent"
          defaultChecked={textOf(fields.consent) === "on"}
          aria-describedby={consentError ? "field-consent-error" : undefined}
          aria-invalid={consentError ? true : undefined}
        />
        <label htmlFor="field-consent">
          <LinkedText text={t("apply.fields.consent")} links={{ privacy: "/privacy" }} newTab /> *
        </label>
      </div>
      <FieldErrorText id="field-consent" error={consentError} />
    </fieldset>
  );
}
