import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import { HourChart } from "~/components/HourChart";
import { HOUR_KINDS, ledgerRows } from "../../core/models/hour-bank";
import {
  addHourEntry,
  hourBank,
  removeHourEntry,
  workForChoices,
} from "../../core/models/hour-bank.server";
import { groupView } from "../../core/models/group.server";
import { hourBankSchema, workFor, type HourEntryForm } from "../../core/schemas/hours";
import { formProps, useAppForm } from "~/utils/forms";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireGroupMember } from "~/utils/permissions.server";
import { TableScroll } from "~/components/TableScroll";
import { quebecToday } from "../../core/utils/quebec-time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "hours.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, participant, group } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const [bank, view, choices] = await Promise.all([
    hourBank(s, group, program),
    groupView(s, group.id),
    workForChoices(s, group.id),
  ]);
  const names = Object.fromEntries((view?.members ?? []).map((m) => [m.id, m.name]));
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    me: participant.id,
    mode: program.composition,
    /** Mentorship: does my work outside meetings draw from the bank (am I a lead of the group)? */
    iLead: bank.roles.leadIds.has(participant.id),
    summary: bank.summary,
    workFor: choices.map((c) => ({
      value: c.value,
      at: c.at,
      facilitator: c.facilitatorId ? (names[c.facilitatorId] ?? "") : "",
    })),
    // One row per meeting or session naming who was there (its hours once), else one per line.
    rows: ledgerRows(bank.entries).map((row) =>
      row.type === "meeting"
        ? {
            type: "meeting" as const,
            id: row.key,
            source: row.source,
            date: row.date,
            hours: row.hours,
            present: row.presentIds
              .map((id) => names[id] ?? "")
              .sort((a, b) => a.localeCompare(b, "fr")),
            note: row.entries
              .map((e) => e.note)
              .filter(Boolean)
              .join(" · "),
          }
        : {
            type: "entry" as const,
            id: row.entry.id,
            kind: row.entry.kind,
            hours: row.entry.hours,
            date: row.entry.date,
            note: row.entry.note,
            who: names[row.entry.participantId] ?? "",
            mine: row.entry.participantId === participant.id,
            drawsFromBank: row.entry.drawsFromBank,
          },
    ),
    today: quebecToday(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { participant, group } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const submission = await parseSubmission(request, hourBankSchema);
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    if (input.intent === "remove") {
      await removeHourEntry(s, group.id, input.entryId, participant.id);
      return { done: "removed" as const };
    }
    const { intent: _intent, forId, ...entry } = input;
    await addHourEntry(s, {
      ...entry,
      ...workFor(forId),
      groupId: group.id,
      participantId: participant.id,
    });
    return { done: "added" as const };
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function HourBank() {
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm<HourEntryForm>({
    defaultValue: { date: data.today, hours: "1" },
  });
  const navigation = useNavigation();
  const { t, date, number } = useT();
  const s = data.summary;
  return (
    <>
      <p>
        <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
      </p>
      <h1>{t("hours.title")}</h1>
      <p className="lead">{t("hours.intro")}</p>
      {s.warnings.map((w) => (
        <p key={w} className="alert alert--warning" role="status">
          {t(`hours.warnings.${w}`, { remaining: number(s.remaining) })}
        </p>
      ))}
      <dl className="facts facts--large">
        <div>
          <dt>{t("hours.remaining")}</dt>
          <dd>{t("hours.hoursOf", { hours: number(s.remaining), bank: number(s.bank) })}</dd>
        </div>
        <div>
          <dt>{t("hours.used")}</dt>
          <dd>{number(s.used)} h</dd>
        </div>
        <div>
          <dt>{t("hours.outside")}</dt>
          <dd>{number(s.outsideMeetingsShare * 100, { maximumFractionDigits: 0 })} %</dd>
        </div>
        <div>
          <dt>{t(`hourRule.ownTime.${data.mode}`)}</dt>
          <dd>{number(s.ownTime)} h</dd>
        </div>
      </dl>
      <p>{t(`hourRule.explain.${data.mode}`)}</p>
      <HourChart byMonth={s.byMonth} bank={s.bank} />
      <section className="panel" aria-labelledby="log-title">
        <h2 id="log-title">{t("hours.logTitle")}</h2>
        <FormErrorSummary form={form} />
        <Form method="post" {...formProps(form)} className="stack">
          <input type="hidden" name="intent" value="add" />
          <div className="field-row">
            <Field field={fields.date} type="date" required label={t("hours.date")} />
            <Choice
              field={fields.kind}
              label={t("hours.kind")}
              value="preparation"
              options={HOUR_KINDS.map((k) => ({ value: k, label: t(`hours.kinds.${k}`) }))}
            />
            <Field
              field={fields.hours}
              type="number"
              inputMode="decimal"
              min={0.25}
              max={12}
              step={0.25}
              required
              label={t("hours.hours")}
              hint={t("hours.hoursHint")}
            />
          </div>
          <Choice
            field={fields.forId}
            label={t("hourRule.for")}
            value=""
            options={[
              { value: "", label: t("hourRule.forNone") },
              ...data.workFor.map((c) => ({
                value: c.value,
                label: c.facilitator
                  ? t("hourRule.forOption", {
                      when: date(c.at, { dateStyle: "medium", timeStyle: "short" }),
                      facilitator: c.facilitator,
                    })
                  : date(c.at, { dateStyle: "medium", timeStyle: "short" }),
              })),
            ]}
          />
          <p className="field-hint">
            {data.mode === "co-development"
              ? t("hourRule.hintFacilitator")
              : t(data.iLead ? "hourRule.hintLead" : "hourRule.hintOwn")}
          </p>
          <Field field={fields.note} label={t("hours.note")} />
          <p>
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t("hours.add")}
            </button>
          </p>
        </Form>
      </section>
      {data.rows.length > 0 ? (
        <TableScroll label={t("hours.entries")}>
          <table>
            <caption>{t("hours.entries")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("hours.date")}</th>
                <th scope="col">{t("hours.who")}</th>
                <th scope="col">{t("hours.kind")}</th>
                <th scope="col">{t("hours.hours")}</th>
                <th scope="col">{t("hourRule.counted")}</th>
                <th scope="col">{t("hours.note")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {data.rows.map((e) =>
                e.type === "meeting" ? (
                  <tr key={e.id} className="ledger-meeting">
                    <td>{date(e.date, { dateStyle: "long" })}</td>
                    <td>{t("hours.present", { names: e.present.join(", ") })}</td>
                    <td>
                      {e.source === "session" ? t("hours.sessionKind") : t("hours.kinds.meeting")}
                    </td>
                    <td>{number(e.hours)} h</td>
                    <td>{t("hourRule.bank")}</td>
                    <td>
                      {e.note}
                      <span className="muted">
                        {e.note ? " · " : ""}
                        {t("hours.automatic")}
                      </span>
                    </td>
                    <td />
                  </tr>
                ) : (
                  <tr key={e.id}>
                    <td>{date(e.date, { dateStyle: "medium" })}</td>
                    <td>{e.who}</td>
                    <td>{t(`hours.kinds.${e.kind}`)}</td>
                    <td>{number(e.hours)} h</td>
                    <td>{e.drawsFromBank ? t("hourRule.bank") : t(`hourRule.own.${data.mode}`)}</td>
                    <td>{e.note}</td>
                    <td>
                      {e.mine ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="entryId" value={e.id} />
                          <button type="submit" className="link-button">
                            {t("taxonomy.remove")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty-state">{t("hours.none")}</p>
      )}
    </>
  );
}
