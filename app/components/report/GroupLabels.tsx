import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import type { ReportGroup } from "../../../core/models/report/types";
import { GROUP_LABEL_MAX } from "../../../core/schemas/report";
import { useAppForm } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";

/**
 * The coordinators name each group for the report by a theme, one small form per group. A refused
 * label comes back with its names hidden (the action's refill), next to its group's field; `saved`
 * is the group just named.
 */
export function GroupLabels({
  groups,
  saved,
}: {
  groups: ReportGroup[];
  saved: string | undefined;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  // The forms share one answer: the refused one is the group it names. The page's only forms:
  // they also show a refusal of an action the page does not have (no intent given).
  const [form, fields] = useAppForm<{ groupId: string; label: string }>();
  const refused = form.status === "error" ? fields.groupId.defaultValue : undefined;
  return (
    <details className="panel report-labels" open={form.status === "error" || Boolean(saved)}>
      <summary>{t("report.labels.title")}</summary>
      <p className="muted">{t("report.labels.intro")}</p>
      <FormErrorSummary form={form} />
      {saved ? (
        <p className="alert alert--success" role="status">
          {t("report.labels.saved")}
        </p>
      ) : null}
      {groups.map((g) => {
        const mine = refused === g.id;
        const value = mine ? (fields.label.defaultValue ?? "") : g.label;
        return (
          <Form method="post" className="inline-form" key={g.id}>
            <input type="hidden" name="intent" value="label" />
            <input type="hidden" name="groupId" value={g.id} />
            <Field
              idPrefix={`label-${g.id}`}
              name="label"
              label={t("report.labels.field", {
                group: t("report.groupFallback", { n: g.number }),
              })}
              maxLength={GROUP_LABEL_MAX}
              defaultValue={value}
              placeholder={t("report.labels.placeholder")}
              error={mine ? fields.label.errors?.[0] : undefined}
            />
            <button
              type="submit"
              className="button button--secondary"
              disabled={navigation.state !== "idle"}
            >
              {t("report.labels.save")}
            </button>
          </Form>
        );
      })}
    </details>
  );
}
