import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Violations, type ViolationView } from "~/components/Violations";
import {
  checkGroup,
  groupFit,
  groupsOf,
  listProposalsFor,
  memberNames,
  proposalChoices,
  proposeGroup,
  respondToProposal,
  withdrawProposal,
} from "../../core/models/group.server";
import { proposalsSchema, type ProposeForm } from "../../core/schemas/groups";
import { FieldErrorText, FormErrorSummary } from "~/components/Field";
import { formProps, useAppForm } from "~/utils/forms";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { forbidden, requireProgramAccess } from "~/utils/permissions.server";
import type { Services } from "../../core/services";
import type { FitLevel } from "../../core/data/plain-words";
import type { StoredReason } from "../../core/data/reasons";
import { reasonText } from "../../core/data/reason-text";
import { tagOptions } from "../../core/data/tag-label";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.groups");

async function requireParticipant(s: Services, request: Request, programId: unknown) {
  const access = await requireProgramAccess(s, request, programId);
  if (!access.participant) throw forbidden();
  return { ...access, participant: access.participant };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, participant } = await requireParticipant(s, request, params.programId);
  const [groups, proposals, { candidates, matchesInGroups }] = await Promise.all([
    groupsOf(s, program.id, participant.id),
    listProposalsFor(s, program.id, participant.id),
    proposalChoices(s, program.id, participant.id),
  ]);
  const names = {
    ...(await memberNames(s, proposals)),
    ...Object.fromEntries(candidates.map((c) => [c.id, c.name])),
  };
  return {
    programId: program.id,
    taxonomy: tagOptions(program.taxonomy),
    me: participant.id,
    groups: groups.map((g) => ({ id: g.id, suggestedFirstMeeting: g.suggestedFirstMeeting })),
    proposals: proposals.map((p) => ({
      id: p.id,
      status: p.status,
      mine: p.proposerId === participant.id,
      myResponse: p.responses[participant.id] ?? "pending",
      memberIds: p.memberIds,
      expiresAt: p.expiresAt,
      message: p.message,
    })),
    candidates,
    matchesInGroups,
    names,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, participant } = await requireParticipant(s, request, params.programId);
  const submission = await parseSubmission(request, proposalsSchema);
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    switch (input.intent) {
      case "check": {
        const members = [participant.id, input.first, input.second];
        const violations = await checkGroup(s, program, members);
        return {
          checked: true,
          violations,
          fit: violations.length ? null : await groupFit(s, program, members),
        };
      }
      case "propose":
        await proposeGroup(s, {
          program,
          proposerId: participant.id,
          otherIds: [input.first, input.second],
          message: input.message,
        });
        return { proposed: true };
      case "withdraw":
        await withdrawProposal(s, program, input.proposalId, participant.id);
        return { responded: input.intent };
      case "accept":
      case "decline":
        await respondToProposal(s, {
          program,
          proposalId: input.proposalId,
          participantId: participant.id,
          accept: input.intent === "accept",
        });
        return { responded: input.intent };
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Groups() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | {
        violations?: ViolationView[];
        checked?: boolean;
        fit?: { level: FitLevel; reasons: StoredReason[] } | null;
        proposed?: boolean;
        responded?: string;
      }
    | undefined;
  // The trio's form; a refused answer to a proposal (a forged one) shows at its summary too.
  const [form, fields] = useAppForm<ProposeForm>();
  const navigation = useNavigation();
  const { t, date, locale } = useT();
  const name = (id: string) => (id === data.me ? t("directory.you") : (data.names[id] ?? "…"));
  const pending = data.proposals.filter(
    (p) => p.status === "pending" || p.status === "awaiting-approval",
  );
  const past = data.proposals.filter((p) => !pending.includes(p));
  // People the program's rule keeps out of the viewer's groups: listed last, not choosable.
  const open = data.candidates.filter((c) => !c.apart);
  const apart = data.candidates.flatMap((c) => (c.apart ? [{ ...c, apart: c.apart }] : []));
  return (
    <>
      <h1>{t("groups.title")}</h1>
      <p className="lead">{t("groups.intro")}</p>
      {data.groups.length > 0 ? (
        <section className="panel" aria-labelledby="my-groups">
          <h2 id="my-groups">{t("groups.mine")}</h2>
          <ul>
            {data.groups.map((g) => (
              <li key={g.id}>
                <Link to={`/programs/${data.programId}/groups/${g.id}`}>{t("groups.open")}</Link> —{" "}
                {t("groups.firstMeeting", { date: date(g.suggestedFirstMeeting) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {result?.violations && !result.checked ? <Violations violations={result.violations} /> : null}
      {result?.proposed ? (
        <p className="alert alert--success" role="status">
          {t("groups.proposedOk")}
        </p>
      ) : null}

      {pending.length > 0 ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">{t("groups.pendingTitle")}</h2>
          <ul className="cards">
            {pending.map((p) => (
              <li key={p.id} className="card">
                <p>{p.memberIds.map(name).join(" · ")}</p>
                {p.message ? <p className="prose">« {p.message} »</p> : null}
                <p className="muted small">
                  {t(`groups.statuses.${p.status}`)} —{" "}
                  {t("groups.expires", {
                    date: date(p.expiresAt, { dateStyle: "medium", timeStyle: "short" }),
                  })}
                </p>
                {p.status === "pending" ? (
                  <Form method="post" className="actions">
                    <input type="hidden" name="proposalId" value={p.id} />
                    {p.mine ? (
                      <button
                        type="submit"
                        name="intent"
                        value="withdraw"
                        className="button button--secondary"
                      >
                        {t("groups.withdraw")}
                      </button>
                    ) : p.myResponse === "pending" ? (
                      <>
                        <button type="submit" name="intent" value="accept" className="button">
                          {t("groups.accept")}
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="decline"
                          className="button button--secondary"
                        >
                          {t("groups.decline")}
                        </button>
                      </>
                    ) : (
                      <span>{t("groups.youAccepted")}</span>
                    )}
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.groups.length === 0 ? (
        <section className="panel" aria-labelledby="propose-title">
          <h2 id="propose-title">{t("groups.proposeTitle")}</h2>
          <p className="field-hint">{t("groups.proposeHint")}</p>
          <FormErrorSummary form={form} />
          <Form method="post" {...formProps(form)} className="stack">
            {(["first", "second"] as const).map((field) => {
              const error = fields[field].errors?.[0];
              return (
                <div className={error ? "field field--invalid" : "field"} key={field}>
                  <label htmlFor={`field-${field}`}>
                    {t(field === "first" ? "groups.firstPerson" : "groups.secondPerson")}
                  </label>
                  <select
                    id={`field-${field}`}
                    name={field}
                    defaultValue={fields[field].defaultValue ?? ""}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `field-${field}-error` : undefined}
                  >
                    <option value="" disabled>
                      {t("groups.choose")}
                    </option>
                    {open.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.match ? "★ " : ""}
                        {c.name} — {t(`roles.${c.role}`)}, {c.organization}
                      </option>
                    ))}
                    {apart.length > 0 ? (
                      <optgroup label={t("groups.apartGroup")}>
                        {apart.map((c) => (
                          <option key={c.id} value={c.id} disabled>
                            {c.name} —{" "}
                            {c.apart.map((code) => t(`directory.apartReasons.${code}`)).join(" · ")}
                          </option>
                        ))}
                      </optgroup>
                    ) : null}
                  </select>
                  <FieldErrorText id={`field-${field}`} error={error} />
                </div>
              );
            })}
            <p className="field-hint">{t("groups.starHint")}</p>
            {data.matchesInGroups.length > 0 ? (
              <p className="field-hint" id="matches-in-groups">
                {t("groups.matchesInGroups", {
                  count: data.matchesInGroups.length,
                  names: data.matchesInGroups.join(", "),
                })}
              </p>
            ) : null}
            {apart.length > 0 ? <p className="field-hint">{t("groups.apartHint")}</p> : null}
            <div className={fields.message.errors ? "field field--invalid" : "field"}>
              <label htmlFor="field-message">{t("groups.message")}</label>
              <textarea
                id="field-message"
                name="message"
                rows={2}
                maxLength={1000}
                defaultValue={fields.message.defaultValue}
                aria-invalid={fields.message.errors ? true : undefined}
                aria-describedby={fields.message.errors ? "field-message-error" : undefined}
              />
              <FieldErrorText id="field-message" error={fields.message.errors?.[0]} />
            </div>
            <div className="actions">
              <button
                type="submit"
                name="intent"
                value="check"
                className="button button--secondary"
                disabled={navigation.state !== "idle"}
              >
                {t("groups.check")}
              </button>
              <button
                type="submit"
                name="intent"
                value="propose"
                className="button"
                disabled={navigation.state !== "idle"}
              >
                {t("groups.propose")}
              </button>
            </div>
          </Form>
          {result?.checked ? (
            result.violations && result.violations.length > 0 ? (
              <Violations violations={result.violations} />
            ) : (
              <div className="alert alert--success" role="status">
                <p>{t("groups.checkOk")}</p>
                {result.fit ? (
                  <>
                    <p>
                      <strong>{t("groups.checkFit", { fit: t(`fit.${result.fit.level}`) })}</strong>
                    </p>
                    {result.fit.reasons.length > 0 ? (
                      <>
                        <p>{t("groups.checkWhy")}</p>
                        <ul>
                          {result.fit.reasons.map((reason, i) => (
                            <li key={i}>{reasonText(locale, reason, data.taxonomy)}</li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                  </>
                ) : null}
              </div>
            )
          ) : null}
        </section>
      ) : null}

      {past.length > 0 ? (
        <section aria-labelledby="past-title">
          <h2 id="past-title">{t("groups.pastTitle")}</h2>
          <ul className="small">
            {past.map((p) => (
              <li key={p.id}>
                {p.memberIds.map(name).join(" · ")} — {t(`groups.statuses.${p.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
