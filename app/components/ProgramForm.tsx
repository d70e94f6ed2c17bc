import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import type { FormFailure } from "../../core/utils/forms";
import { valueOf } from "~/utils/form-hooks";
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
}

/** Create and edit a program: the same fields, one zod schema (schemas/program.ts). */
export function ProgramForm({
  values,
  failure,
  submitLabel,
}: {
  values: ProgramFormValues;
  failure?: FormFailure;
  submitLabel: string;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const e = failure?.fieldErrors;
  const v = (name: string, fallback: string | number | undefined) =>
    valueOf(failure, name, String(fallback ?? ""));
  return (
    <Form method="post" noValidate className="stack">
      <input type="hidden" name="intent" value="program" />
      <FormErrorSummary errors={e} />
      <fieldset>
        <legend>{t("programForm.about")}</legend>
        <Field
          name="title"
          label={t("programForm.title")}
          required
          defaultValue={v("title", values.title)}
          error={e?.title}
        />
        <Field
          name="theme"
          label={t("program.theme")}
          required
          defaultValue={v("theme", values.theme)}
          error={e?.theme}
        />
        <div className={e?.subThemes ? "field field--invalid" : "field"}>
          <label htmlFor="field-subThemes">{t("program.subThemes")}</label>
          <p className="field-hint" id="field-subThemes-hint">
            {t("programForm.subThemesHint")}
          </p>
          <textarea
            id="field-subThemes"
            name="subThemes"
            rows={3}
            aria-describedby="field-subThemes-hint"
            defaultValue={v("subThemes", values.subThemes.join("\n"))}
          />
          <FieldErrorText id="field-subThemes" error={e?.subThemes} />
        </div>
        <div className="field">
          <label htmlFor="field-description">{t("programForm.description")}</label>
          <textarea
            id="field-description"
            name="description"
            rows={4}
            defaultValue={v("description", values.description)}
          />
          <FieldErrorText id="field-description" error={e?.description} />
        </div>
        <Choice
          name="status"
          label={t("programForm.status")}
          value={values.status}
          failure={failure}
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
            name="applicationOpens"
            type="date"
            label={t("programForm.applicationOpens")}
            defaultValue={v("applicationOpens", values.applicationOpens)}
            error={e?.applicationOpens}
          />
          <Field
            name="applicationCloses"
            type="date"
            label={t("programForm.applicationCloses")}
            defaultValue={v("applicationCloses", values.applicationCloses)}
            error={e?.applicationCloses}
          />
        </div>
        <div className="field-row">
          <Field
            name="mentoringStart"
            type="date"
            required
            label={t("programForm.mentoringStart")}
            defaultValue={v("mentoringStart", values.mentoringStart)}
            error={e?.mentoringStart}
          />
          <Field
            name="mentoringEnd"
            type="date"
            required
            label={t("programForm.mentoringEnd")}
            hint={t("programForm.mentoringHint")}
            defaultValue={v("mentoringEnd", values.mentoringEnd)}
            error={e?.mentoringEnd}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("programForm.groups")}</legend>
        <Choice
          name="composition"
          label={t("program.composition")}
          value={values.composition}
          failure={failure}
          options={(["mentorship", "co-development"] as const).map((c) => ({
            value: c,
            label: t(`program.compositions.${c}`),
          }))}
        />
        <Choice
          name="regionRule"
          label={t("program.regionRule")}
          value={values.regionRule}
          failure={failure}
          options={(["distinct-regions", "distinct-mrcs"] as const).map((r) => ({
            value: r,
            label: t(`program.regionRules.${r}`),
          }))}
        />
        <Choice
          name="format"
          label={t("program.format")}
          value={values.format}
          failure={failure}
          options={(["online", "in-person", "hybrid"] as const).map((f) => ({
            value: f,
            label: t(`program.formats.${f}`),
          }))}
        />
        <div className="field-row">
          <Field
            name="hourBankHours"
            type="number"
            inputMode="numeric"
            min={1}
            max={200}
            required
            label={t("programForm.hourBankHours")}
            hint={t("programForm.hourBankHint")}
            defaultValue={v("hourBankHours", values.hourBankHours)}
            error={e?.hourBankHours}
          />
          <Field
            name="meetingMinutes"
            type="number"
            inputMode="numeric"
            min={30}
            max={480}
            required
            label={t("programForm.meetingMinutes")}
            defaultValue={v("meetingMinutes", values.meetingMinutes)}
            error={e?.meetingMinutes}
          />
          <Field
            name="checkInWeeks"
            type="number"
            inputMode="numeric"
            min={1}
            max={8}
            required
            label={t("programForm.checkInWeeks")}
            hint={t("programForm.checkInWeeksHint")}
            defaultValue={v("checkInWeeks", values.checkInWeeks ?? 2)}
            error={e?.checkInWeeks}
          />
        </div>
        <div className="field-row">
          <Field
            name="cadenceWeeksMin"
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            required
            label={t("programForm.cadenceMin")}
            defaultValue={v("cadenceWeeksMin", values.cadenceWeeksMin)}
            error={e?.cadenceWeeksMin}
          />
          <Field
            name="cadenceWeeksMax"
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            required
            label={t("programForm.cadenceMax")}
            defaultValue={v("cadenceWeeksMax", values.cadenceWeeksMax)}
            error={e?.cadenceWeeksMax}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("programForm.formation")}</legend>
        <Choice
          name="selfFormedApproval"
          label={t("programForm.selfFormedApproval")}
          value={values.selfFormedApproval ?? "notify"}
          failure={failure}
          options={(["notify", "required"] as const).map((o) => ({
            value: o,
            label: t(`programForm.selfFormed.${o}`),
          }))}
        />
        <Field
          name="proposalHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          required
          label={t("programForm.proposalHours")}
          defaultValue={v("proposalHours", values.proposalHours ?? 72)}
          error={e?.proposalHours}
        />
      </fieldset>
      <fieldset>
        <legend>{t("programForm.budget")}</legend>
        <p className="field-hint">{t("programForm.budgetHint")}</p>
        <div className="field-row">
          <Field
            name="mentorCompensation"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            label={t("programForm.mentorCompensation")}
            defaultValue={v("mentorCompensation", values.budget.mentorCompensation)}
            error={e?.mentorCompensation}
          />
          <Field
            name="coordination"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            label={t("programForm.coordination")}
            defaultValue={v("coordination", values.budget.coordination)}
            error={e?.coordination}
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
