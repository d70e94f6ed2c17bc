import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import { CODEV_DEFAULT_MINUTES, CODEV_STEP_KEYS } from "../../core/models/codev";
import {
  CodevError,
  createCodevSession,
  deletePlannedSession,
  listCodevSessions,
  nextRoles,
} from "../../core/models/codev.server";
import { groupView } from "../../core/models/group.server";
import { listMeetings } from "../../core/models/meeting.server";
import { codevDeleteSchema, codevSessionFormSchema } from "../../core/schemas/codev";
import { formDataToObject, isFormFailure, parseWith, readFormData } from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireGroupMember } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";

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
    suggested: nextRoles(group.memberIds, sessions),
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
  const form = formDataToObject(await readFormData(request));
  const base = `/programs/${program.id}/groups/${group.id}/codev`;
  try {
    if (form.intent === "delete") {
      const parsed = parseWith(codevDeleteSchema, form);
      if (!parsed.ok) throw notFound();
      await deletePlannedSession(s, group.id, parsed.data.sessionId);
      return { deleted: true };
    }
    const parsed = parseWith(codevSessionFormSchema, form);
    if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
    const d = parsed.data;
    const session = await createCodevSession(s, group, {
      clientId: d.clientId,
      facilitatorId: d.facilitatorId,
      scribeId: d.scribeId || undefined,
      meetingId: d.meetingId || undefined,
      minutes: [d.minutes0, d.minutes1, d.minutes2, d.minutes3, d.minutes4, d.minutes5, d.minutes6],
      createdBy: participant.id,
    });
    return redirect(`${base}/${session.id}`);
  } catch (error) {
    if (error instanceof CodevError) {
      if (error.code === "not_found") throw notFound();
      if (error.code === "not_now") return formFailure({ form: { key: error.messageKey } }, form);
      return formFailure({ clientId: { key: error.messageKey } }, form);
    }
    throw error;
  }
}

export default function CodevSessions() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isFormFailure(result) ? result : undefined;
  const navigation = useNavigation();
  const { t, date, number } = useT();
  const people = data.members.map((m) => ({ value: m.id, label: m.name }));
  const v = (name: string, fallback: string) => {
    const value = failure?.values[name];
    return typeof value === "string" ? value : fallback;
  };
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
        <FormErrorSummary errors={failure?.fieldErrors} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <div className="field-row">
            <Choice
              name="clientId"
              label={t("codev.roles.client")}
              value={data.suggested.clientId}
              failure={failure}
              options={people}
            />
            <Choice
              name="facilitatorId"
              label={t("codev.roles.facilitator")}
              value={data.suggested.facilitatorId}
              failure={failure}
              options={people}
            />
            <Choice
              name="scribeId"
              label={t("codev.roles.scribe")}
              value={data.suggested.scribeId ?? ""}
              failure={failure}
              options={[{ value: "", label: t("codev.noScribe") }, ...people]}
            />
          </div>
          <Choice
            name="meetingId"
            label={t("codev.meeting")}
            value=""
            failure={failure}
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
                  name={`minutes${i}`}
                  type="number"
                  min={1}
                  max={90}
                  required
                  label={`${i}. ${t(`codev.steps.${key}.title`)}`}
                  defaultValue={v(`minutes${i}`, String(CODEV_DEFAULT_MINUTES[i]))}
                  error={failure?.fieldErrors[`minutes${i}`]}
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
