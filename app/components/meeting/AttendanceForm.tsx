import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import type { MeetingStatusChoice } from "../../../core/schemas/meetings";
import { formProps, useAppForm } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { checkedValues } from "./checked";
import type { MeetingData } from "./types";

/** A meeting's status, who was present when it was held, and why when postponed or cancelled. */
export function AttendanceForm({ data, busy }: { data: MeetingData; busy: boolean }) {
  const { t } = useT();
  const m = data.meeting;
  const [form, fields] = useAppForm<MeetingStatusChoice>({
    intent: "status",
    defaultValue: {
      reason: m.statusReason,
      presentIds: m.status === "held" ? m.presentIds : data.expected,
    },
  });
  const present = checkedValues(fields.presentIds);
  const presentError = fields.presentIds.errors?.[0];
  return (
    <section className="panel" aria-labelledby="status-title">
      <h2 id="status-title">{t("meetings.statusTitle")}</h2>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack" key={m.sequence}>
        <input type="hidden" name="intent" value="status" />
        <Choice
          field={fields.status}
          label={t("meetings.status")}
          value={m.status}
          options={(["planned", "held", "postponed", "cancelled"] as const).map((s) => ({
            value: s,
            label: t(`meetings.statuses.${s}`),
          }))}
        />
        <fieldset
          className={presentError ? "choices field--invalid" : "choices"}
          aria-describedby={presentError ? "field-presentIds-error" : undefined}
        >
          <legend>{t("meetings.present")}</legend>
          <p className="field-hint">{t("meetings.presentHint")}</p>
          {data.members.map((p) => (
            <label key={p.id} className="choice">
              <input
                type="checkbox"
                name="presentIds"
                value={p.id}
                defaultChecked={present.includes(p.id)}
              />{" "}
              {p.name}
            </label>
          ))}
          <FieldErrorText id="field-presentIds" error={presentError} />
        </fieldset>
        <Field field={fields.reason} label={t("meetings.reason")} hint={t("meetings.reasonHint")} />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("meetings.update")}
          </button>
        </p>
      </Form>
    </section>
  );
}
