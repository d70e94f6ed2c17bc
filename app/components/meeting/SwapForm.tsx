import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { FormErrorSummary } from "~/components/Field";
import type { SwapForm as SwapFormInput } from "../../../core/schemas/meetings";
import { formProps, useAppForm } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import type { MeetingData } from "./types";

/** Swap facilitators with another planned meeting of the group. */
export function SwapForm({ others, busy }: { others: MeetingData["others"]; busy: boolean }) {
  const { t, date } = useT();
  const [form, fields] = useAppForm<SwapFormInput>({ intent: "swap" });
  return (
    <section className="panel" aria-labelledby="swap-title">
      <h2 id="swap-title">{t("meetings.swapTitle")}</h2>
      <p className="field-hint">{t("meetings.swapHint")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="inline-form">
        <input type="hidden" name="intent" value="swap" />
        <Choice
          field={fields.swapWith}
          label={t("meetings.swapWith")}
          value={others[0]?.id ?? ""}
          options={others.map((o) => ({
            value: o.id,
            label: `${date(o.startsAt, { dateStyle: "medium", timeStyle: "short" })} — ${
              o.facilitator || t("meetings.noFacilitator")
            }`,
          }))}
        />
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t("meetings.swap")}
        </button>
      </Form>
    </section>
  );
}
