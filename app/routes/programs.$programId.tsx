import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { mrcName, regionName } from "~/data/geography";
import { createInvitation, listInvitations } from "~/models/invitation.server";
import { getOwnParticipation, listParticipantRows } from "~/models/participant.server";
import { getProgramStats } from "~/models/program.server";
import { inviteSchema } from "~/schemas/program";
import { useFormFailure, valueOf } from "~/utils/form-hooks";
import { parseForm } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { requireCoordinatorOf, requireProgramAccess } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.program.title ?? ""} – Maillage` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program, asCoordinator, user } = await requireProgramAccess(request, params.programId);
  const base = {
    program: {
      id: program.id,
      title: program.title,
      theme: program.theme,
      subThemes: program.subThemes,
      description: program.description,
      status: program.status,
      composition: program.composition,
      regionRule: program.regionRule,
      mentoringStart: program.mentoringStart,
      mentoringEnd: program.mentoringEnd,
      hourBankHours: program.hourBankHours,
    },
    asCoordinator,
  };
  if (asCoordinator) {
    const [stats, participants, invitations] = await Promise.all([
      getProgramStats(program.id),
      listParticipantRows(program.id),
      listInvitations(program.id),
    ]);
    const now = new Date().toISOString();
    return {
      ...base,
      coordinator: {
        stats,
        participants,
        invitations: invitations.map((i) => ({
          id: i.id,
          role: i.role,
          email: i.email ?? "",
          createdAt: i.createdAt,
          state: (i.usedAt ? "used" : i.expiresAt <= now ? "expired" : "pending") as
            "used" | "expired" | "pending",
        })),
      },
      own: null,
    };
  }
  const own = await getOwnParticipation(user.id, program.id);
  return {
    ...base,
    coordinator: null,
    own: own
      ? {
          role: own.participant.role,
          organization: own.organization?.name ?? "",
          region: own.organization?.region ?? "",
          mrc: own.organization?.mrc ?? "",
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { program, user } = await requireCoordinatorOf(request, params.programId);
  const parsed = await parseForm(request, inviteSchema);
  if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
  const { token } = await createInvitation({
    programId: program.id,
    role: parsed.data.role,
    email: parsed.data.email || undefined,
    createdBy: user.id,
  });
  const origin = process.env.PUBLIC_URL ?? new URL(request.url).origin;
  return { invitationLink: `${origin}/invitation/${token}` };
}

function CoordinatorPanel({
  data,
}: {
  data: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["coordinator"]>;
}) {
  const { t, date } = useT();
  const failure = useFormFailure();
  const result = useActionData<typeof action>();
  const link = result && "invitationLink" in result ? result.invitationLink : undefined;
  const navigation = useNavigation();
  return (
    <>
      <section aria-labelledby="stats">
        <h2 id="stats">{t("program.overview")}</h2>
        <dl className="facts facts--large">
          <div>
            <dt>{t("dashboard.participants")}</dt>
            <dd>{data.stats.participants}</dd>
          </div>
          <div>
            <dt>{t("roles.mentors")}</dt>
            <dd>{data.stats.byRole.mentor}</dd>
          </div>
          <div>
            <dt>{t("roles.mentees")}</dt>
            <dd>{data.stats.byRole.mentee}</dd>
          </div>
          <div>
            <dt>{t("roles.peers")}</dt>
            <dd>{data.stats.byRole.peer}</dd>
          </div>
          <div>
            <dt>{t("dashboard.regions")}</dt>
            <dd>{data.stats.regions}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="participants">
        <h2 id="participants">{t("program.participantsTitle")}</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="participants">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("program.table.name")}</th>
                <th scope="col">{t("program.table.role")}</th>
                <th scope="col">{t("program.table.organization")}</th>
                <th scope="col">{t("geo.region")}</th>
                <th scope="col">{t("geo.mrc")}</th>
              </tr>
            </thead>
            <tbody>
              {data.participants.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    <br />
                    <span className="muted">{p.email}</span>
                  </th>
                  <td>{t(`roles.${p.role}`)}</td>
                  <td>{p.organization}</td>
                  <td>{regionName(p.region)}</td>
                  <td>{mrcName(p.region, p.mrc)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="invite" className="panel">
        <h2 id="invite">{t("invitations.title")}</h2>
        <p>{t("invitations.intro")}</p>
        <FormErrorSummary errors={failure?.fieldErrors} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="invite" />
          <div className={failure?.fieldErrors.role ? "field field--invalid" : "field"}>
            <label htmlFor="field-role">{t("invitations.role")}</label>
            <select
              id="field-role"
              name="role"
              defaultValue={valueOf(failure, "role", "mentee")}
              aria-describedby={failure?.fieldErrors.role ? "field-role-error" : undefined}
            >
              <option value="mentor">{t("roles.mentor")}</option>
              <option value="mentee">{t("roles.mentee")}</option>
              <option value="peer">{t("roles.peer")}</option>
            </select>
            <FieldErrorText id="field-role" error={failure?.fieldErrors.role} />
          </div>
          <Field
            name="email"
            type="email"
            label={t("invitations.email")}
            hint={t("invitations.emailHint")}
            defaultValue={valueOf(failure, "email")}
            error={failure?.fieldErrors.email}
          />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("invitations.create")}
          </button>
        </Form>
        {link ? (
          <div className="alert alert--success" role="status">
            <p>{t("invitations.created")}</p>
            <label htmlFor="invitation-link">{t("invitations.link")}</label>
            <input id="invitation-link" readOnly value={link} onFocus={(e) => e.target.select()} />
          </div>
        ) : null}
        {data.invitations.length > 0 ? (
          <table className="compact">
            <caption>{t("invitations.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invitations.createdAt")}</th>
                <th scope="col">{t("invitations.role")}</th>
                <th scope="col">{t("invitations.email")}</th>
                <th scope="col">{t("invitations.state")}</th>
              </tr>
            </thead>
            <tbody>
              {data.invitations.map((i) => (
                <tr key={i.id}>
                  <td>{date(i.createdAt, { dateStyle: "medium" })}</td>
                  <td>{t(`roles.${i.role}`)}</td>
                  <td>{i.email || "—"}</td>
                  <td>{t(`invitations.states.${i.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}

export default function ProgramPage() {
  const data = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const { program } = data;
  return (
    <>
      <p className="eyebrow">{t(`program.statuses.${program.status}`)}</p>
      <h1>{program.title}</h1>
      <p className="lead">
        <strong>{t("program.theme")} :</strong> {program.theme}
        {program.subThemes.length ? ` — ${program.subThemes.join(" · ")}` : ""}
      </p>
      <p>{program.description}</p>
      <dl className="facts">
        <div>
          <dt>{t("program.period")}</dt>
          <dd>
            {t("program.fromTo", {
              from: date(program.mentoringStart),
              to: date(program.mentoringEnd),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("program.hourBank")}</dt>
          <dd>{t("program.hours", { hours: program.hourBankHours })}</dd>
        </div>
        <div>
          <dt>{t("program.composition")}</dt>
          <dd>{t(`program.compositions.${program.composition}`)}</dd>
        </div>
        <div>
          <dt>{t("program.regionRule")}</dt>
          <dd>{t(`program.regionRules.${program.regionRule}`)}</dd>
        </div>
      </dl>
      {data.coordinator ? <CoordinatorPanel data={data.coordinator} /> : null}
      {data.own ? (
        <section aria-labelledby="you" className="panel">
          <h2 id="you">{t("program.yourParticipation")}</h2>
          <p>
            {t("dashboard.yourRole")} : <strong>{t(`roles.${data.own.role}`)}</strong>
          </p>
          <p>
            {data.own.organization} · {regionName(data.own.region)} ·{" "}
            {mrcName(data.own.region, data.own.mrc)}
          </p>
          <p className="muted">{t("program.nextStepsParticipant")}</p>
        </section>
      ) : null}
    </>
  );
}
