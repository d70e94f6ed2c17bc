import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import { CODEV_DEFAULT_MINUTES, CODEV_STEP_KEYS } from "../../core/models/codev";
import {
  createCodevSession,
  deletePlannedSession,
  listCodevSessions,
  suggestRoles,
} from "../../core/models/codev.server";
import { groupView } from "../../core/models/group.server";
import { listMeetings } from "../../core/models/meeting.server";
import { codevSessionsSchema, type CodevSessionForm } from "../../core/schemas/codev";
import { formProps, useAppForm } from "~/utils/forms";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireGroupMember } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "codev.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group } = await requireGroupMember(s, request, params.programId, params.groupId);
  const [sessions, view, meetings] = await Promise.all([
    listCodevSessions(s, group.id),
    groupView(s, group.id),
    listMeetings(s, group.id),
  ]);
  const names = new Map((view?.members ?? []).map((m) => [m.id, m.name]));
  const now = new Date().toISOString();
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    members: (view?.members ?? []).map((m) => ({ id: m.id, name: m.name })),
    suggested: await suggestRoles(s, group, sessions),
    sessions: sessions.map((s) => ({
      id: s.id,
      number: s.number,
      status: s.status,
      client: names.get(s.clientId) ?? "",
      facilitator: names.get(s.facilitatorId) ?? "",
      subject: s.subject,
      startedAt: s.startedAt ?? null,
      hours: s.hours ?? null,
    })),
    meetings: meetings
      .filter((m) => m.status === "planned" && m.endsAt > now)
      .map((m) => ({ id: m.id, startsAt: m.startsAt })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, group, participant } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const submission = await parseSubmission(request, codevSessionsSchema);
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    if (input.intent === "delete") {
      await deletePlannedSession(s, group.id, input.sessionId);
      return { deleted: true };
    }
    const session = await createCodevSession(s, group, {
      clientId: input.clientId,
      facilitatorId: input.facilitatorId,
      scribeId: input.scribeId || undefined,
      meetingId: input.meetingId || undefined,
      minutes: [
        input.minutes0,
        input.minutes1,
        input.minutes2,
        input.minutes3,
        input.minutes4,
        input.minutes5,
        input.minutes6,
      ],
      createdBy: participant.id,
    });
    return redirect(`/programs/${program.id}/groups/${group.id}/codev/${session.id}`);
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function CodevSessions() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm<CodevSessionForm>({
    defaultValue: {
      ...Object.fromEntries(CODEV_DEFAULT_MINUTES.map((m, i) => [`minutes${i}`, String(m)])),
    },
  });
  const navigation = useNavigation();
  const { t, date, number } = useT();
  const people = data.members.map((m) => ({ value: m.id, label: m.name }));
  return (
    <>
      <p>
        <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
      </p>
      <h1>{t("codev.title")}</h1>
      <p className="lead">{t("codev.intro")}</p>
      {result && "deleted" in result ? (
        <p className="alert alert--success" role="status">
          {t("codev.deleted")}
        </p>
      ) : null}
      <h2>{t("codev.listTitle")}</h2>
      {data.sessions.length > 0 ? (
        <ul className="cards">
          {data.sessions.map((s) => (
            <li key={s.id} className="card">
              <h3 className="card-title">
                <Link to={`${data.groupPath}/codev/${s.id}`}>
                  {t("codev.sessionTitle", { number: s.number })}
                </Link>
              </h3>
              <p>
                <span className={`status status--codev-${s.status}`}>
                  {t(`codev.statuses.${s.status}`)}
                </span>
                {s.startedAt ? ` · ${date(s.startedAt, { dateStyle: "medium" })}` : ""}
                {s.hours !== null ? ` · ${number(s.hours)} h` : ""}
              </p>
              <p className="muted">
                {t("codev.roles.client")}
                {t("common.colon")} {s.client} · {t("codev.roles.facilitator")}
                {t("common.colon")} {s.facilitator}
              </p>
              {s.subject ? <p>{s.subject}</p> : null}
              {s.status === "planned" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" className="link-button">
                    {t("codev.delete", { number: s.number })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{t("codev.none")}</p>
      )}
      <section className="panel" aria-labelledby="prepare-title">
        <h2 id="prepare-title">{t("codev.prepareTitle")}</h2>
        <p className="field-hint">{t("codev.prepareHint")}</p>
        <FormErrorSummary form={form} />
        <Form method="post" {...formProps(form)} className="stack">
          <input type="hidden" name="intent" value="create" />
          <div className="field-row">
            <Choice
              field={fields.clientId}
              label={t("codev.roles.client")}
              value={data.suggested.clientId}
              options={people}
            />
            <Choice
              field={fields.facilitatorId}
              label={t("codev.roles.facilitator")}
              value={data.suggested.facilitatorId}
              options={people}
            />
            <Choice
              field={fields.scribeId}
              label={t("codev.roles.scribe")}
              value={data.suggested.scribeId ?? ""}
              options={[{ value: "", label: t("codev.noScribe") }, ...people]}
            />
          </div>
          <Choice
            field={fields.meetingId}
            label={t("codev.meeting")}
            value=""
            options={[
              { value: "", label: t("codev.noMeeting") },
              ...data.meetings.map((m) => ({
                value: m.id,
                label: date(m.startsAt, { dateStyle: "full", timeStyle: "short" }),
              })),
            ]}
          />
          <fieldset className="choices">
            <legend>{t("codev.minutesTitle")}</legend>
            <div className="field-row field-row--wrap">
              {CODEV_STEP_KEYS.map((key, i) => (
                <Field
                  key={key}
                  field={fields[`minutes${i}` as `minutes${0 | 1 | 2 | 3 | 4 | 5 | 6}`]}
                  type="number"
                  min={1}
                  max={90}
                  required
                  label={`${i}. ${t(`codev.steps.${key}.title`)}`}
                />
              ))}
            </div>
          </fieldset>
          <p>
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t("codev.create")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}
