import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import {
  addObserverNote,
  evaluationPhase,
  listEvaluations,
  listObserverNotes,
  observableMeetings,
  remindNonRespondents,
  respondents,
  responseOf,
  responseRates,
  scheduleEvaluation,
} from "../../core/models/evaluation.server";
import { activeGroups, memberNames } from "../../core/models/group.server";
import { evaluationsPageSchema } from "../../core/schemas/evaluation";
import { replyWithError } from "~/utils/errors.server";
import { answerExcept } from "~/utils/form-answers";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { forbidden, notFound, requireProgramAccess } from "~/utils/permissions.server";
import { TableScroll } from "~/components/TableScroll";
import { FieldErrorText, fieldState } from "~/components/Field";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "evaluations.title");

/**
 * Groups as coordinators tell them apart: their report label, else "Groupe n", with their members'
 * names ("Groupe 2 — Anne, Olivier, Rose").
 */
function groupLabels(
  groups: Array<{ id: string; label: string; members: string[] }>,
  fallback: (n: number) => string,
) {
  return groups.map((g, i) => ({
    id: g.id,
    label: `${g.label || fallback(i + 1)} — ${g.members.join(", ")}`,
  }));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, asCoordinator, participant } = await requireProgramAccess(
    s,
    request,
    params.programId,
  );
  const programPath = `/programs/${program.id}`;
  if (asCoordinator) {
    const [rates, notes, groups, observable] = await Promise.all([
      responseRates(s, program.id),
      listObserverNotes(s, program.id),
      activeGroups(s, program.id),
      observableMeetings(s, program.id),
    ]);
    const kindOf = new Map(
      observable.flatMap((o) => o.meetings.map((m) => [m.id, m.kind] as const)),
    );
    const ordered = [...groups].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const names = await memberNames(s, ordered);
    return {
      role: "coordinator" as const,
      programPath,
      rates: rates.map((r) => ({
        id: r.evaluation.id,
        kind: r.evaluation.kind,
        title: r.evaluation.title,
        opensOn: r.evaluation.opensOn,
        closesOn: r.evaluation.closesOn,
        remindedAt: r.evaluation.remindedAt ?? null,
        answered: r.answered,
        expected: r.expected,
        rate: r.rate,
        open: r.open,
      })),
      groups: ordered.map((g) => ({
        id: g.id,
        label: g.label,
        members: g.memberIds.map((id) => (names[id] ?? "").split(" ")[0] ?? "").filter(Boolean),
      })),
      // The groups that invite the coordination (ADR 0027): their meetings, for the notes.
      observed: observable.map(({ group, meetings }) => ({
        id: group.id,
        meetingsPath: `${programPath}/groups/${group.id}/meetings`,
        meetings: meetings.map((m) => ({
          id: m.id,
          startsAt: m.startsAt,
          kind: m.kind,
          format: m.format ?? null,
        })),
      })),
      notes: notes.map((n) => ({
        ...n,
        meetingKind: n.meetingId ? (kindOf.get(n.meetingId) ?? null) : null,
      })),
    };
  }
  const eligible = await respondents(s, program.id);
  const inGroup = participant ? eligible.has(participant.id) : false;
  const evaluations = await listEvaluations(s, program.id);
  const mine = await Promise.all(
    evaluations.map(async (e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      opensOn: e.opensOn,
      closesOn: e.closesOn,
      phase: evaluationPhase(e, s.clock.now()),
      answered: participant ? Boolean(await responseOf(s, e.id, participant.id)) : false,
    })),
  );
  return { role: "participant" as const, programPath, inGroup, evaluations: mine };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, asCoordinator, user } = await requireProgramAccess(s, request, params.programId);
  if (!asCoordinator) throw forbidden();
  const submission = await parseSubmission(request, evaluationsPageSchema);
  if (submission.status !== "success") {
    // A reminder's button names a questionnaire: a wrong one is a page that does not exist.
    if (submission.payload.intent === "remind") throw notFound();
    return refuse(submission);
  }
  try {
    switch (submission.value.intent) {
      case "remind": {
        const sent = await remindNonRespondents(s, program.id, submission.value.evaluationId);
        return { done: "reminded" as const, count: sent };
      }
      case "observe": {
        const { intent: _intent, ...note } = submission.value;
        await addObserverNote(s, program.id, note, user.id);
        return { done: "observed" as const, count: 0 };
      }
      case "schedule": {
        const { intent: _intent, ...schedule } = submission.value;
        await scheduleEvaluation(s, program, schedule, user.id);
        return { done: "scheduled" as const, count: 0 };
      }
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Evaluations() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // The page's main form: it also shows a refusal no form claims (an unknown action).
  const [scheduleForm, schedule] = useAppForm<Record<string, string>>({
    lastResult: answerExcept(result, ["observe", "remind"]),
  });
  const [observeForm, observe] = useAppForm<Record<string, string>>({ intent: "observe" });
  const [remindForm] = useAppForm<Record<string, string>>({ intent: "remind" });
  const navigation = useNavigation();
  const { t, date, number } = useT();
  const busy = navigation.state !== "idle";
  if (data.role === "participant") {
    return (
      <>
        <h1>{t("evaluations.title")}</h1>
        <p className="lead">{t("evaluations.participantIntro")}</p>
        {!data.inGroup ? <p className="empty-state">{t("evaluations.notInGroup")}</p> : null}
        {data.evaluations.length > 0 ? (
          <ul className="cards">
            {data.evaluations.map((e) => (
              <li key={e.id} className="card">
                <h2 className="card-title">{e.title}</h2>
                <p className="muted">
                  {t(`evaluations.kinds.${e.kind}`)} ·{" "}
                  {t("evaluations.period", {
                    from: date(e.opensOn, { dateStyle: "medium" }),
                    to: date(e.closesOn, { dateStyle: "medium" }),
                  })}
                </p>
                <p>
                  {e.answered ? (
                    <span className="status status--accepted">{t("evaluations.answered")}</span>
                  ) : e.phase === "open" ? (
                    <span className="status status--submitted">{t("evaluations.toAnswer")}</span>
                  ) : e.phase === "upcoming" ? (
                    <span className="status">
                      {t("evaluations.upcoming", { date: date(e.opensOn, { dateStyle: "long" }) })}
                    </span>
                  ) : (
                    <span className="status">{t("evaluations.notOpen")}</span>
                  )}
                </p>
                {e.phase === "open" && data.inGroup ? (
                  <Link className="button" to={`${data.programPath}/evaluations/${e.id}`}>
                    {t(e.answered ? "evaluations.edit" : "evaluations.answer")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">{t("evaluations.none")}</p>
        )}
      </>
    );
  }
  const labels = groupLabels(data.groups, (n) => t("evaluations.groupN", { n }));
  const labelOf = (id: string) => labels.find((g) => g.id === id)?.label ?? "—";
  return (
    <>
      <h1>{t("evaluations.title")}</h1>
      <p className="lead">{t("evaluations.coordinatorIntro")}</p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {result.done === "reminded"
            ? t("evaluations.reminded", { count: result.count })
            : result.done === "observed"
              ? t("evaluations.observed")
              : t("evaluations.scheduled")}
        </p>
      ) : null}
      <FormErrorSummary form={remindForm} />
      {data.rates.length > 0 ? (
        <TableScroll label={t("evaluations.ratesTitle")}>
          <table>
            <caption>{t("evaluations.ratesTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("evaluations.questionnaire")}</th>
                <th scope="col">{t("evaluations.periodTitle")}</th>
                <th scope="col">{t("evaluations.responses")}</th>
                <th scope="col">{t("evaluations.reminder")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rates.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.title}
                    <br />
                    <span className="muted">{t(`evaluations.kinds.${r.kind}`)}</span>
                  </td>
                  <td>
                    {t("evaluations.period", {
                      from: date(r.opensOn, { dateStyle: "medium" }),
                      to: date(r.closesOn, { dateStyle: "medium" }),
                    })}
                  </td>
                  <td>
                    {t("evaluations.rate", {
                      answered: r.answered,
                      expected: r.expected,
                      percent: number(Math.round(r.rate * 100)),
                    })}
                    <meter
                      min={0}
                      max={1}
                      value={r.rate}
                      aria-label={t("evaluations.rateLabel", { title: r.title })}
                    />
                  </td>
                  <td>
                    {r.open && r.answered < r.expected ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="remind" />
                        <input type="hidden" name="evaluationId" value={r.id} />
                        <button
                          type="submit"
                          className="button button--secondary button--small"
                          disabled={busy}
                        >
                          {t("evaluations.remind", { title: r.title })}
                        </button>
                      </Form>
                    ) : null}
                    {r.remindedAt ? (
                      <span className="muted">
                        {t("evaluations.remindedOn", {
                          date: date(r.remindedAt, { dateStyle: "medium" }),
                        })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty-state">{t("evaluations.none")}</p>
      )}

      <section className="panel" aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t("evaluations.scheduleTitle")}</h2>
        <FormErrorSummary form={scheduleForm} />
        <Form method="post" {...formProps(scheduleForm)} className="stack">
          <input type="hidden" name="intent" value="schedule" />
          <Choice
            field={schedule.kind!}
            label={t("evaluations.kind")}
            value="monthly"
            options={(["monthly", "final"] as const).map((k) => ({
              value: k,
              label: t(`evaluations.kinds.${k}`),
            }))}
          />
          <Field field={schedule.title!} required label={t("evaluations.titleField")} />
          <div className="field-row">
            <Field
              field={schedule.opensOn!}
              type="date"
              required
              label={t("evaluations.opensOn")}
            />
            <Field
              field={schedule.closesOn!}
              type="date"
              required
              label={t("evaluations.closesOn")}
            />
          </div>
          <p>
            <button type="submit" className="button" disabled={busy}>
              {t("evaluations.schedule")}
            </button>
          </p>
        </Form>
      </section>

      <section className="panel" aria-labelledby="observe-title">
        <h2 id="observe-title">{t("evaluations.observerTitle")}</h2>
        <p className="field-hint">{t("evaluations.observerHint")}</p>
        {data.observed.length > 0 ? (
          <ul>
            {data.observed.map((g) => (
              <li key={g.id}>
                <Link to={g.meetingsPath}>
                  {t("observation.calendarOf", { group: labelOf(g.id) })}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">{t("observation.groupsNone")}</p>
        )}
        {data.observed.some((g) => g.meetings.length > 0) ? (
          <>
            <FormErrorSummary form={observeForm} />
            <Form method="post" {...formProps(observeForm)} className="stack">
              <input type="hidden" name="intent" value="observe" />
              <MeetingSelect
                field={observe.meetingId!}
                groups={data.observed.map((g) => ({
                  label: labelOf(g.id),
                  options: g.meetings.map((m) => ({
                    value: m.id,
                    label: t("observation.meetingOption", {
                      date: date(m.startsAt, { dateStyle: "medium", timeStyle: "short" }),
                      kind: m.format
                        ? `${t(`meetings.kinds.${m.kind}`)}, ${t(`meetingWhere.formats.${m.format}`)}`
                        : t(`meetings.kinds.${m.kind}`),
                    }),
                  })),
                }))}
              />
              <TextArea
                name="note"
                required
                label={t("evaluations.note")}
                value={observe.note?.defaultValue ?? ""}
                error={observe.note?.errors?.[0]}
              />
              <p>
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {t("evaluations.addNote")}
                </button>
              </p>
            </Form>
          </>
        ) : data.observed.length > 0 ? (
          <p className="empty-state">{t("observation.noMeetings")}</p>
        ) : null}
        {data.notes.length > 0 ? (
          <ul className="cards">
            {data.notes.map((n) => (
              <li key={n.id} className="card">
                <h3 className="card-title">
                  {labelOf(n.groupId)} · {date(n.meetingDate, { dateStyle: "medium" })}
                  {n.meetingKind ? ` · ${t(`meetings.kinds.${n.meetingKind}`)}` : null}
                  {n.meetingId ? null : ` (${t("observation.typedDate")})`}
                </h3>
                <p className="codev-notes">{n.note}</p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

/** The observed groups' meetings, one group per option group, labelled by date and kind. */
function MeetingSelect({
  field,
  groups,
}: {
  field: Parameters<typeof fieldState>[0];
  groups: Array<{ label: string; options: Array<{ value: string; label: string }> }>;
}) {
  const { t } = useT();
  const { name, defaultValue, error } = fieldState(field);
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor="field-meetingId">{t("observation.meeting")}</label>
      <select
        id="field-meetingId"
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-meetingId-error" : undefined}
      >
        {groups
          .filter((g) => g.options.length > 0)
          .map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
      <FieldErrorText id="field-meetingId" error={error} />
    </div>
  );
}
