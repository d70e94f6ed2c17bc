import { useActionData, useNavigation } from "@remix-run/react";
import { REGION_RULES } from "../../matching/compatibility";
import { MEETING_LEAD_SETTINGS } from "../../core/data/vocabulary";
import { Form } from "~/components/AppForm";
import { answerExcept } from "~/utils/form-answers";
import { formProps, useAppForm } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { Choice } from "./Choice";
import { Field, FieldErrorText, FormErrorSummary } from "./Field";

export interface ProgramFormValues {
  title: string;
  theme: string;
  subThemes: string[];
  description: string;
  status: string;
  composition: string;
  regionRule: string;
  format: string;
  applicationOpens?: string;
  applicationCloses?: string;
  mentoringStart: string;
  mentoringEnd: string;
  hourBankHours: number;
  cadenceWeeksMin: number;
  cadenceWeeksMax: number;
  meetingMinutes: number;
  checkInWeeks?: number;
  budget: { mentorCompensation: number; coordination: number };
  selfFormedApproval?: string;
  proposalHours?: number;
  meetingLead?: string;
  retentionMonths?: number;
}

/** The form's values before any submission, as the fields show them. */
function shownValues(values: ProgramFormValues): Record<string, string> {
  const { budget, subThemes, ...rest } = values;
  return Object.fromEntries(
    Object.entries({
      ...rest,
      subThemes: subThemes.join("\n"),
      checkInWeeks: values.checkInWeeks ?? 2,
      selfFormedApproval: values.selfFormedApproval ?? "notify",
      proposalHours: values.proposalHours ?? 72,
      meetingLead: values.meetingLead ?? "by-mode",
      retentionMonths: values.retentionMonths ?? 24,
      mentorCompensation: budget.mentorCompensation,
      coordination: budget.coordination,
    }).map(([name, value]) => [name, value === undefined ? "" : String(value)]),
  );
}

/**
 * Create and edit a program: the same fields, one zod schema (`programFormSchema`; the settings
 * page's "program" intent).
 */
export function ProgramForm({
  values,
  submitLabel,
  others,
}: {
  values: ProgramFormValues;
  submitLabel: string;
  /**
   * On a page with other forms (settings), their intents: this form, the page's main one, shows
   * every other reply, a refusal no form claims (an unknown action) included.
   */
  others?: readonly string[];
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const shown = shownValues(values);
  const answer = useActionData();
  const [form, fields] = useAppForm<Record<string, string>>(
    others
      ? { lastResult: answerExcept(answer, others), defaultValue: shown }
      : { intent: "program", defaultValue: shown },
  );
  const error = (name: string) => fields[name]?.errors?.[0];
  const text = (name: string) => fields[name]?.defaultValue ?? "";
  return (
    <Form method="post" {...formProps(form)} className="stack">
      <input type="hidden" name="intent" value="program" />
      <FormErrorSummary form={form} />
      <fieldset>
        <legend>{t("programForm.about")}</legend>
        <Field field={fields.title!} label={t("programForm.title")} required />
        <Field field={fields.theme!} label={t("program.theme")} required />
        <div className={error("subThemes") ? "field field--invalid" : "field"}>
          <label htmlFor="field-subThemes">{t("program.subThemes")}</label>
          <p className="field-hint" id="field-subThemes-hint">
            {t("programForm.subThemesHint")}
          </p>
          <textarea
            id="field-subThemes"
            name="subThemes"
            rows={3}
            aria-invalid={error("subThemes") ? true : undefined}
            aria-describedby={
              error("subThemes")
                ? "field-subThemes-hint field-subThemes-error"
                : "field-subThemes-hint"
            }
            defaultValue={text("subThemes")}
          />
          <FieldErrorText id="field-subThemes" error={error("subThemes")} />
        </div>
        <div className="field">
          <label htmlFor="field-description">{t("programForm.description")}</label>
          <textarea
            id="field-description"
            name="description"
            rows={4}
            aria-invalid={error("description") ? true : undefined}
            aria-describedby={error("description") ? "field-description-error" : undefined}
            defaultValue={text("description")}
          />
          <FieldErrorText id="field-description" error={error("description")} />
        </div>
        <Choice
          field={fields.status!}
          label={t("programForm.status")}
          value={values.status}
          options={(["draft", "open", "active", "closed"] as const).map((s) => ({
            value: s,
            label: t(`program.statuses.${s}`),
          }))}
        />
      </fieldset>
      <fieldset>
        <legend>{t("programForm.calendar")}</legend>
        <div className="field-row">
          <Field
            field={fields.applicationOpens!}
            type="date"
            label={t("programForm.applicationOpens")}
          />
          <Field
            field={fields.applicationCloses!}
            type="date"
            label={t("programForm.applicationCloses")}
          />
        </div>
        <div className="field-row">
          <Field
            field={fields.mentoringStart!}
            type="date"
            required
            label={t("programForm.mentoringStart")}
          />
          <Field
            field={fields.mentoringEnd!}
            type="date"
            required
            label={t("programForm.mentoringEnd")}
            hint={t("programForm.mentoringHint")}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("programForm.groups")}</legend>
        <Choice
          field={fields.composition!}
          label={t("program.composition")}
          value={values.composition}
          options={(["mentorship", "co-development"] as const).map((c) => ({
            value: c,
            label: t(`program.compositions.${c}`),
          }))}
        />
        <Choice
          field={fields.meetingLead!}
          label={t("lead.setting")}
          hint={t("lead.settingHint")}
          value={values.meetingLead ?? "by-mode"}
          options={MEETING_LEAD_SETTINGS.map((o) => ({
            value: o,
            label: t(`lead.settings.${o}`),
          }))}
        />
        <Choice
          field={fields.regionRule!}
          label={t("program.regionRule")}
          value={values.regionRule}
          options={REGION_RULES.map((r) => ({
            value: r,
            label: t(`program.regionRules.${r}`),
          }))}
        />
        <Choice
          field={fields.format!}
          label={t("program.format")}
          value={values.format}
          options={(["online", "in-person", "hybrid"] as const).map((f) => ({
            value: f,
            label: t(`program.formats.${f}`),
          }))}
        />
        <div className="field-row">
          <Field
            field={fields.hourBankHours!}
            type="number"
            inputMode="numeric"
            min={1}
            max={200}
            required
            label={t("programForm.hourBankHours")}
            hint={t("programForm.hourBankHint")}
          />
          <Field
            field={fields.meetingMinutes!}
            type="number"
            inputMode="numeric"
            min={30}
            max={480}
            required
            label={t("programForm.meetingMinutes")}
          />
          <Field
            field={fields.checkInWeeks!}
            type="number"
            inputMode="numeric"
            min={1}
            max={8}
            required
            label={t("programForm.checkInWeeks")}
            hint={t("programForm.checkInWeeksHint")}
          />
        </div>
        <div className="field-row">
          <Field
            field={fields.cadenceWeeksMin!}
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            required
            label={t("programForm.cadenceMin")}
          />
          <Field
            field={fields.cadenceWeeksMax!}
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            required
            label={t("programForm.cadenceMax")}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("programForm.formation")}</legend>
        <Choice
          field={fields.selfFormedApproval!}
          label={t("programForm.selfFormedApproval")}
          value={values.selfFormedApproval ?? "notify"}
          options={(["notify", "required"] as const).map((o) => ({
            value: o,
            label: t(`programForm.selfFormed.${o}`),
          }))}
        />
        <Field
          field={fields.proposalHours!}
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          required
          label={t("programForm.proposalHours")}
        />
      </fieldset>
      <fieldset>
        <legend>{t("programForm.privacy")}</legend>
        <Field
          field={fields.retentionMonths!}
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          required
          label={t("programForm.retentionMonths")}
          hint={t("programForm.retentionMonthsHint")}
        />
      </fieldset>
      <fieldset>
        <legend>{t("programForm.budget")}</legend>
        <p className="field-hint">{t("programForm.budgetHint")}</p>
        <div className="field-row">
          <Field
            field={fields.mentorCompensation!}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            label={t("programForm.mentorCompensation")}
          />
          <Field
            field={fields.coordination!}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            label={t("programForm.coordination")}
          />
        </div>
      </fieldset>
      <p>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
