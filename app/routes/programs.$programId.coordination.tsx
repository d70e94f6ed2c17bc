import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { TableScroll } from "~/components/TableScroll";
import { COORDINATION_TASKS } from "../../core/data/vocabulary";
import {
  addCoordinationTime,
  listCoordinationTime,
  mentorCompensations,
  removeCoordinationTime,
  setMentorCompensation,
} from "../../core/models/coordination.server";
import { coordinationSchema, type CoordinationTimeForm } from "../../core/schemas/coordination";
import { quebecToday } from "../../core/utils/quebec-time";
import { replyWithError } from "~/utils/errors.server";
import { answerExcept } from "~/utils/form-answers";
import { formProps, intentOf, isReply, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinationOf } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "coordination.title");

/**
 * The coordination's own figures for the program: the time its coordinators log, and each
 * mentor's compensation. The program's coordinators only; anyone else gets 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { user, program } = await requireCoordinationOf(s, request, params.programId);
  const [entries, mentors] = await Promise.all([
    listCoordinationTime(s, program.id),
    mentorCompensations(s, program),
  ]);
  const total = entries.reduce((sum, e) => sum + e.hours, 0);
  return {
    budget: program.budget,
    totalHours: Math.round(total * 100) / 100,
    entries: entries.map((e) => ({
      id: e.id,
      date: e.date,
      hours: e.hours,
      task: e.task,
      note: e.note,
      who: e.who,
      mine: e.userId === user.id,
    })),
    mentors,
    totalCompensation: mentors.reduce((sum, m) => sum + m.amount, 0),
    today: quebecToday(s.clock.now()),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { user, program } = await requireCoordinationOf(s, request, params.programId);
  const submission = await parseSubmission(request, coordinationSchema);
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  const actor = { id: user.id, name: user.name };
  try {
    switch (input.intent) {
      case "time": {
        const { intent: _intent, ...entry } = input;
        await addCoordinationTime(s, program.id, actor, entry);
        return { done: "added" as const };
      }
      case "remove":
        await removeCoordinationTime(s, program.id, actor, input.entryId);
        return { done: "removed" as const };
      case "compensation":
        await setMentorCompensation(s, program.id, actor, input.participantId, input.amount);
        return { done: "compensation" as const, participantId: input.participantId };
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Coordination() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // The page's main form: it also shows a refusal no form claims (an unknown action).
  const [form, fields] = useAppForm<CoordinationTimeForm>({
    lastResult: answerExcept(result, ["remove", "compensation"]),
    defaultValue: { date: data.today, hours: "1", task: "follow-up" },
  });
  const navigation = useNavigation();
  const { t, date, number } = useT();
  const money = (x: number) => number(x, { style: "currency", currency: "CAD" });
  // A refused compensation comes back with its mentor's id: its error goes next to that row.
  const compensationReply =
    isReply(result) && intentOf(result) === "compensation" ? result : undefined;
  const refusedMentor = compensationReply?.initialValue?.participantId;
  const compensationError =
    compensationReply?.error?.amount?.[0] ?? compensationReply?.error?.participantId?.[0];
  const saved = result && "done" in result ? result.done : undefined;
  return (
    <>
      <h1>{t("coordination.title")}</h1>
      <p className="lead">{t("coordination.intro")}</p>
      {saved ? (
        <p className="alert alert--success" role="status">
          {t(`coordination.saved.${saved}`)}
        </p>
      ) : null}
      <dl className="facts facts--large">
        <div>
          <dt>{t("coordination.hoursLogged")}</dt>
          <dd>{number(data.totalHours)} h</dd>
        </div>
        <div>
          <dt>{t("coordination.budget")}</dt>
          <dd>{money(data.budget.coordination)}</dd>
        </div>
        <div>
          <dt>{t("coordination.compensationTotal")}</dt>
          <dd>{money(data.totalCompensation)}</dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="time-title">
        <h2 id="time-title">{t("coordination.logTitle")}</h2>
        <FormErrorSummary form={form} />
        <Form method="post" {...formProps(form)} className="stack">
          <input type="hidden" name="intent" value="time" />
          <div className="field-row">
            <Field field={fields.date} type="date" required label={t("coordination.date")} />
            <Field
              field={fields.hours}
              type="number"
              inputMode="decimal"
              min={0.25}
              max={24}
              step={0.25}
              required
              label={t("coordination.hours")}
              hint={t("hours.hoursHint")}
            />
            <Choice
              field={fields.task}
              label={t("coordination.task")}
              value="follow-up"
              options={COORDINATION_TASKS.map((task) => ({
                value: task,
                label: t(`coordination.tasks.${task}`),
              }))}
            />
          </div>
          <Field field={fields.note} label={t("coordination.note")} maxLength={500} />
          <p>
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t("coordination.add")}
            </button>
          </p>
        </Form>
      </section>

      {data.entries.length > 0 ? (
        <TableScroll label={t("coordination.entries")}>
          <table>
            <caption>{t("coordination.entries")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("coordination.date")}</th>
                <th scope="col">{t("coordination.who")}</th>
                <th scope="col">{t("coordination.task")}</th>
                <th scope="col">{t("coordination.hours")}</th>
                <th scope="col">{t("coordination.note")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.id}>
                  <td>{date(e.date, { dateStyle: "medium" })}</td>
                  <td>{e.who}</td>
                  <td>{t(`coordination.tasks.${e.task}`)}</td>
                  <td>{number(e.hours)} h</td>
                  <td>{e.note}</td>
                  <td>
                    {e.mine ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="entryId" value={e.id} />
                        <button type="submit" className="link-button">
                          {t("taxonomy.remove")}
                          <span className="visually-hidden">
                            {" "}
                            {t("coordination.removeLine", {
                              date: date(e.date, { dateStyle: "medium" }),
                              hours: number(e.hours),
                            })}
                          </span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty-state">{t("coordination.none")}</p>
      )}

      <section className="panel" aria-labelledby="compensation-title">
        <h2 id="compensation-title">{t("coordination.compensationTitle")}</h2>
        <p>
          {t("coordination.compensationIntro", {
            amount: money(data.budget.mentorCompensation),
          })}
        </p>
        {compensationError && !data.mentors.some((m) => m.id === refusedMentor) ? (
          <p className="alert alert--error" role="alert">
            {t(compensationError.key, compensationError.params)}
          </p>
        ) : null}
        {data.mentors.length === 0 ? (
          <p className="empty-state">{t("coordination.noMentors")}</p>
        ) : (
          <ul className="stack">
            {data.mentors.map((m) => {
              const refused = refusedMentor === m.id;
              const id = `compensation-${m.id}`;
              const error = refused ? compensationError : undefined;
              return (
                <li key={m.id}>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="compensation" />
                    <input type="hidden" name="participantId" value={m.id} />
                    <div className={error ? "field field--invalid" : "field"}>
                      <label htmlFor={id}>
                        {t("coordination.compensationOf", {
                          name: m.name,
                          organization: m.organization,
                        })}
                      </label>
                      <input
                        id={id}
                        name="amount"
                        type="number"
                        inputMode="decimal"
                        min={0}
                        step={0.01}
                        defaultValue={
                          refused
                            ? String(compensationReply?.initialValue?.amount ?? "")
                            : m.own === undefined
                              ? ""
                              : String(m.own)
                        }
                        placeholder={String(data.budget.mentorCompensation)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
                      />
                      <p className="field-hint" id={`${id}-hint`}>
                        {m.own === undefined
                          ? t("coordination.compensationDefault", { amount: money(m.amount) })
                          : t("coordination.compensationOwn", { amount: money(m.amount) })}
                      </p>
                      <FieldErrorText id={id} error={error} />
                    </div>
                    <button type="submit" className="button button--secondary">
                      {t("coordination.saveCompensation")}
                      <span className="visually-hidden"> {m.name}</span>
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
