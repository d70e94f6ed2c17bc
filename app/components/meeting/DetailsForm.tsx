import { useActionData } from "@remix-run/react";
import { useState } from "react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import { FormDraft } from "~/components/FormDraft";
import type { MeetingDetailsForm } from "../../../core/schemas/meetings";
import { answerExcept } from "~/utils/form-answers";
import { formProps, useAppForm } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { checkedValues } from "./checked";
import { FormatChoice, PlaceField } from "./MeetingWhere";
import type { MeetingData } from "./types";
import { tagLabel } from "../../../core/data/tag-label";

/**
 * A meeting's details: when, how long, collective or individual (with whom), format and place,
 * facilitator, theme, agenda, notes (shared with the observer or not) and tools. The page's main form: it also shows a refusal no other form claims.
 */
export function DetailsForm({ data, busy }: { data: MeetingData; busy: boolean }) {
  const { t, locale } = useT();
  const m = data.meeting;
  const [form, fields] = useAppForm<MeetingDetailsForm>({
    lastResult: answerExcept(useActionData(), ["status", "swap"]),
    defaultValue: {
      ...data.form,
      participantIds: m.participantIds,
      agenda: m.agenda,
      notes: m.notes,
      tools: m.tools,
      format: m.format ?? "",
      place: m.place,
    },
  });
  const [kind, setKind] = useState(m.kind);
  const participants = checkedValues(fields.participantIds);
  const participantsError = fields.participantIds.errors?.[0];
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t("meetings.detailsTitle")}</h2>
      <FormErrorSummary form={form} />
      {/* A new key after each save: selects show the stored values again (after a swap too). */}
      <Form method="post" {...formProps(form)} className="stack" key={m.sequence}>
        <FormDraft id="meeting-details" />
        <input type="hidden" name="intent" value="details" />
        <input type="hidden" name="sequence" value={m.sequence} />
        <div className="field-row">
          <Field field={fields.date} type="date" required label={t("meetings.date")} />
          <Field field={fields.time} type="time" required label={t("meetings.time")} />
          <Field
            field={fields.durationMinutes}
            type="number"
            min={30}
            max={480}
            required
            label={t("programForm.meetingMinutes")}
          />
        </div>
        <fieldset className="choices">
          <legend>{t("meetings.kind")}</legend>
          {(["collective", "individual"] as const).map((k) => (
            <label key={k} className="choice">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />{" "}
              {t(`meetings.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className="field-row">
          <FormatChoice field={fields.format} value={m.format ?? ""} />
          <PlaceField field={fields.place} />
        </div>
        <fieldset
          className={participantsError ? "choices field--invalid" : "choices"}
          aria-describedby={participantsError ? "field-participantIds-error" : undefined}
        >
          <legend>{t("meetings.individualWith")}</legend>
          <p className="field-hint">{t("meetings.individualHint")}</p>
          {data.members.map((p) => (
            <label key={p.id} className="choice">
              <input
                type="checkbox"
                name="participantIds"
                value={p.id}
                defaultChecked={participants.includes(p.id)}
              />{" "}
              {p.name} ({t(`roles.${p.role}`)})
            </label>
          ))}
          <FieldErrorText id="field-participantIds" error={participantsError} />
        </fieldset>
        <Choice
          field={fields.facilitatorId}
          label={t("meetings.facilitator")}
          value={m.facilitatorId ?? ""}
          options={[
            { value: "", label: t("meetings.noFacilitator") },
            ...data.members.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <Choice
          field={fields.theme}
          label={t("meetings.theme")}
          value={m.theme}
          options={[
            { value: "", label: t("meetings.noTheme") },
            ...data.taxonomy.map((tag) => ({ value: tag.id, label: tagLabel(tag, locale) })),
          ]}
        />
        <TextArea field={fields.agenda} label={t("meetings.agenda")} />
        <TextArea field={fields.notes} label={t("meetings.notes")} rows={6} />
        <label className="choice">
          <input type="checkbox" name="notesShared" defaultChecked={m.notesShared} />{" "}
          {t("observation.shareNotes")}
        </label>
        <TextArea field={fields.tools} label={t("meetings.tools")} hint={t("meetings.toolsHint")} />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("meetings.saveDetails")}
          </button>
        </p>
      </Form>
    </section>
  );
}
