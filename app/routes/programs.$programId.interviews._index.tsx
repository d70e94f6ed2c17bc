import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { AppLink } from "~/components/AppLink";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import { TableScroll } from "~/components/TableScroll";
import {
  interviewees,
  interviewOf,
  listInterviews,
  scheduleInterview,
} from "../../core/models/interview.server";
import { interviewsPageSchema } from "../../core/schemas/interview";
import { quebecInstant } from "../../core/utils/quebec-time";
import { replyWithError } from "~/utils/errors.server";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf, requireProgramAccess } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "interviews.title");

/**
 * The final interviews: the coordinators see and schedule every participant's; a participant sees
 * their own only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, asCoordinator, participant } = await requireProgramAccess(
    s,
    request,
    params.programId,
  );
  const programPath = `/programs/${program.id}` as const;
  if (!asCoordinator) {
    const own = participant ? await interviewOf(s, program.id, participant.id) : undefined;
    return {
      role: "participant" as const,
      programPath,
      own: own
        ? {
            id: own.id,
            startsAt: own.startsAt,
            durationMinutes: own.durationMinutes,
            place: own.place,
            status: own.status,
          }
        : null,
    };
  }
  const [interviews, people] = await Promise.all([
    listInterviews(s, program.id),
    interviewees(s, program.id),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p]));
  const planned = new Set(interviews.map((i) => i.participantId));
  return {
    role: "coordinator" as const,
    programPath,
    interviews: interviews.map((i) => ({
      id: i.id,
      name: nameOf.get(i.participantId)?.name ?? "—",
      role: nameOf.get(i.participantId)?.role,
      startsAt: i.startsAt,
      durationMinutes: i.durationMinutes,
      place: i.place,
      status: i.status,
    })),
    unplanned: people.filter((p) => !planned.has(p.id)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, user } = await requireCoordinatorOf(s, request, params.programId);
  const submission = await parseSubmission(request, interviewsPageSchema);
  if (submission.status !== "success") return refuse(submission);
  const { participantId, date, time, durationMinutes, place } = submission.value;
  try {
    await scheduleInterview(
      s,
      program,
      {
        participantId,
        startsAt: quebecInstant(date, time).toISOString(),
        durationMinutes,
        place,
      },
      user.id,
    );
    return { done: "scheduled" as const };
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Interviews() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // The page's only form: it also shows a refusal of an action the page does not have.
  const [form, fields] = useAppForm<Record<string, string>>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const when = (startsAt: string) => date(startsAt, { dateStyle: "long", timeStyle: "short" });
  if (data.role === "participant") {
    const own = data.own;
    return (
      <>
        <h1>{t("interviews.title")}</h1>
        <p className="lead">{t("interviews.participantIntro")}</p>
        {own ? (
          <div className="card">
            <h2 className="card-title">{when(own.startsAt)}</h2>
            <p>
              {t("interviews.duration", { minutes: own.durationMinutes })} · {own.place}
            </p>
            <p>
              <span className={`status status--${own.status}`}>
                {t(`interviews.statuses.${own.status}`)}
              </span>
            </p>
            <AppLink className="button" to={`${data.programPath}/interviews/${own.id}`}>
              {t(
                own.status === "awaiting-validation"
                  ? "interviews.readToValidate"
                  : "interviews.open",
              )}
            </AppLink>
          </div>
        ) : (
          <p className="empty-state">{t("interviews.noneYet")}</p>
        )}
      </>
    );
  }
  return (
    <>
      <h1>{t("interviews.title")}</h1>
      <p className="lead">{t("interviews.coordinatorIntro")}</p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {t("interviews.scheduled")}
        </p>
      ) : null}
      {data.interviews.length > 0 ? (
        <TableScroll label={t("interviews.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("interviews.participant")}</th>
                <th scope="col">{t("interviews.when")}</th>
                <th scope="col">{t("interviews.place")}</th>
                <th scope="col">{t("interviews.status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.interviews.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <AppLink to={`${data.programPath}/interviews/${i.id}`}>{i.name}</AppLink>
                    {i.role ? <span className="muted"> · {t(`roles.${i.role}`)}</span> : null}
                  </th>
                  <td>
                    {when(i.startsAt)} · {t("interviews.duration", { minutes: i.durationMinutes })}
                  </td>
                  <td>{i.place}</td>
                  <td>
                    <span className={`status status--${i.status}`}>
                      {t(`interviews.statuses.${i.status}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty-state">{t("interviews.none")}</p>
      )}

      <section className="panel" aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t("interviews.scheduleTitle")}</h2>
        {/* Shown even with no one left to schedule: a refusal may come from a page left open. */}
        <FormErrorSummary form={form} />
        {data.unplanned.length > 0 ? (
          <>
            <p className="field-hint">{t("interviews.scheduleHint")}</p>
            <Form method="post" {...formProps(form)} className="stack">
              <input type="hidden" name="intent" value="schedule" />
              <Choice
                field={fields.participantId!}
                label={t("interviews.participant")}
                value={data.unplanned[0]!.id}
                options={data.unplanned.map((p) => ({
                  value: p.id,
                  label: `${p.name} (${t(`roles.${p.role}`)})`,
                }))}
              />
              <div className="field-row">
                <Field field={fields.date!} type="date" required label={t("interviews.date")} />
                <Field field={fields.time!} type="time" required label={t("interviews.time")} />
                <Field
                  field={fields.durationMinutes!}
                  type="number"
                  min={15}
                  max={240}
                  defaultValue={fields.durationMinutes?.defaultValue ?? "60"}
                  label={t("interviews.durationField")}
                />
              </div>
              <Field
                field={fields.place!}
                required
                label={t("interviews.place")}
                hint={t("interviews.placeHint")}
              />
              <p>
                <button type="submit" className="button" disabled={navigation.state !== "idle"}>
                  {t("interviews.schedule")}
                </button>
              </p>
            </Form>
          </>
        ) : (
          <p className="empty-state">{t("interviews.allScheduled")}</p>
        )}
      </section>
    </>
  );
}
