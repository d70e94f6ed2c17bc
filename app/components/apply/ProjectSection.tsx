/** The interest form's project part: the concept, the operations and what mentoring should bring. */
import { FieldErrorText } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import { Radios } from "~/components/Radios";
import { OPERATIONS } from "../../../core/data/vocabulary";
import { useT } from "~/utils/i18n-react";
import { listOf, type ApplyFields } from "./fields";

export function ProjectSection({ fields }: { fields: ApplyFields }) {
  const { t } = useT();
  const operationsError = fields.operations?.errors?.[0];
  const operations = listOf(fields.operations);
  return (
    <fieldset>
      <legend>{t("apply.sections.project")}</legend>
      <TextArea
        field={fields.concept!}
        label={t("apply.fields.concept")}
        hint={t("apply.fields.conceptHint")}
        rows={6}
        required
      />
      <fieldset
        className={operationsError ? "field--invalid" : undefined}
        aria-describedby={operationsError ? "field-operations-error" : undefined}
      >
        <legend>{t("apply.fields.operations")} *</legend>
        <div className="checkbox-grid">
          {OPERATIONS.map((op) => (
            <div className="checkbox" key={op}>
              <input
                type="checkbox"
                id={`op-${op}`}
                name="operations"
                value={op}
                defaultChecked={operations.includes(op)}
              />
              <label htmlFor={`op-${op}`}>{t(`apply.operations.${op}`)}</label>
            </div>
          ))}
        </div>
        <FieldErrorText id="field-operations" error={operationsError} />
      </fieldset>
      <TextArea
        field={fields.operationsText!}
        label={t("apply.operationsText.label")}
        hint={t("apply.operationsText.hint")}
        rows={4}
      />
      <TextArea field={fields.barriers!} label={t("apply.fields.barriers")} required />
      <TextArea field={fields.mentoringHelp!} label={t("apply.fields.mentoringHelp")} required />
      <Radios
        field={fields.recentSupport!}
        legend={`${t("apply.recentSupport.question")} *`}
        value=""
        options={(["yes", "no"] as const).map((v) => ({
          value: v,
          label: t(v === "yes" ? "common.yes" : "common.no"),
        }))}
      />
      <TextArea
        field={fields.recentSupportText!}
        label={t("apply.recentSupport.what")}
        hint={t("apply.recentSupport.whatHint")}
        rows={3}
      />
      <TextArea
        field={fields.revisionOpenness!}
        label={t("apply.fields.revisionOpenness")}
        required
      />
    </fieldset>
  );
}
