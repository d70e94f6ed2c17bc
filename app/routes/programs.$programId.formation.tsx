import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import { Violations, type ViolationView } from "~/components/Violations";
import {
  approveProposedGroup,
  cancelSolve,
  changeMember,
  latestRun,
  rejectProposedGroup,
  setPairRule,
  SolverBusyError,
  startSolve,
} from "../../core/models/formation.server";
import {
  activeGroups,
  decideSelfFormed,
  GroupRuleError,
  refusal,
  listAudit,
  listProposalsAwaitingApproval,
} from "../../core/models/group.server";
import { listParticipantRows } from "../../core/models/participant.server";
import { formationSchema } from "../../core/schemas/groups";
import type { MessageKey } from "../../core/i18n";
import { reasonText } from "../../core/data/reason-text";
import { formDataToObject, readFormData } from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.formation");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const [run, groups, awaiting, people, auditTrail] = await Promise.all([
    latestRun(s, program.id),
    activeGroups(s, program.id),
    listProposalsAwaitingApproval(s, program.id),
    listParticipantRows(s, program.id),
    listAudit(s, program.id),
  ]);
  const names = Object.fromEntries(people.map((p) => [p.id, `${p.name} (${p.organization})`]));
  const grouped = new Set(groups.flatMap((g) => g.memberIds));
  return {
    programId: program.id,
    names,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      grouped: grouped.has(p.id),
    })),
    run: run
      ? {
          id: run.id,
          status: run.status,
          startedAt: run.startedAt,
          result: run.result ?? null,
          groups: run.groups,
          unplaced: run.unplaced,
          error: run.error ?? null,
        }
      : null,
    groups: groups.map((g) => ({
      id: g.id,
      memberIds: g.memberIds,
      origin: g.origin,
      score: g.score ?? 0,
      suggestedFirstMeeting: g.suggestedFirstMeeting,
    })),
    awaiting: awaiting.map((p) => ({ id: p.id, memberIds: p.memberIds })),
    pins: program.pins,
    forbids: program.forbids,
    audit: auditTrail.slice(0, 40),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, user } = await requireCoordinatorOf(s, request, params.programId);
  const parsed = formationSchema.safeParse(formDataToObject(await readFormData(request)));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const actor = { id: user.id, name: user.name };
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "solve":
        await startSolve(s, program, actor);
        return { ok: "solving" as const };
      case "cancel":
        await cancelSolve(s, program, actor);
        return { ok: "cancelled" as const };
      case "approve":
        await approveProposedGroup(s, program, input.runId, input.groupId, actor);
        return { ok: "approved" as const };
      case "reject":
        await rejectProposedGroup(s, program, input.runId, input.groupId, actor);
        return { ok: "rejected" as const };
      case "change":
        await changeMember(s, program, input, actor);
        return { ok: "changed" as const };
      case "pair-add":
      case "pair-remove":
        await setPairRule(
          s,
          program,
          { kind: input.kind, a: input.a, b: input.b, remove: input.intent === "pair-remove" },
          actor,
        );
        return { ok: "rules" as const };
      case "self-approve":
      case "self-reject":
        await decideSelfFormed(s, {
          program,
          proposalId: input.proposalId,
          approve: input.intent === "self-approve",
          actor,
        });
        return { ok: "decided" as const };
    }
  } catch (error) {
    if (error instanceof GroupRuleError) return refusal(error);
    if (error instanceof SolverBusyError) return Response.json({ busy: true }, { status: 409 });
    throw error;
  }
}

function useSolverProgress(programId: string, running: boolean) {
  const [progress, setProgress] = useState<{ phase: string; fraction: number } | null>(null);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const socket = io({ transports: ["websocket", "polling"] });
    socket.on("connect", () => socket.emit("formation:watch", { programId }));
    socket.on(
      "solver:update",
      (payload: { progress?: { phase: string; fraction: number }; done?: boolean }) => {
        if (payload.progress) setProgress(payload.progress);
        if (payload.done) revalidator.revalidate();
      },
    );
    return () => {
      socket.close();
    };
  }, [programId, running, revalidator]);
  return progress;
}

const AUDIT_ACTIONS = new Set([
  "solve-started",
  "solve-cancelled",
  "group-approved",
  "group-rejected",
  "members-swapped",
  "member-moved",
  "pin-added",
  "pin-removed",
  "forbid-added",
  "forbid-removed",
  "self-group-approved",
  "self-group-rejected",
]);

export default function Formation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    { violations?: ViolationView[]; busy?: boolean; ok?: string } | undefined;
  const navigation = useNavigation();
  const { t, locale, date, number } = useT();
  const running = data.run?.status === "running";
  const progress = useSolverProgress(data.programId, running);
  const name = (id: string) => data.names[id] ?? id;
  const run = data.run;
  const gap =
    run?.result && run.result.bound.score > 0
      ? Math.max(
          0,
          ((run.result.bound.score - run.result.objective.score) / run.result.bound.score) * 100,
        )
      : 0;
  const placedInRun = new Set(
    run?.groups.filter((g) => g.decision !== "rejected").flatMap((g) => g.memberIds) ?? [],
  );
  const free = data.people.filter((p) => !p.grouped);
  return (
    <>
      <h1>{t("formation.title")}</h1>
      <p className="lead">{t("formation.intro")}</p>
      {result?.violations ? <Violations violations={result.violations} /> : null}
      {result?.busy ? (
        <p className="alert alert--error" role="alert">
          {t("formation.busy")}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="solve-title">
        <h2 id="solve-title">{t("formation.solveTitle")}</h2>
        <p>{t("formation.solveHint", { count: free.length })}</p>
        <Form method="post" className="actions">
          {running ? (
            <button type="submit" name="intent" value="cancel" className="button button--secondary">
              {t("formation.cancel")}
            </button>
          ) : (
            <button
              type="submit"
              name="intent"
              value="solve"
              className="button"
              disabled={navigation.state !== "idle"}
            >
              {run ? t("formation.resolve") : t("formation.solve")}
            </button>
          )}
        </Form>
        {running ? (
          <div role="status" aria-live="polite">
            <label htmlFor="solver-progress">
              {t("formation.progress", { phase: progress?.phase ?? "…" })}
            </label>
            <progress id="solver-progress" max={1} value={progress?.fraction ?? 0} />
          </div>
        ) : null}
        {run?.status === "failed" ? (
          <p className="alert alert--error">{t("formation.failed")}</p>
        ) : null}
        {run?.status === "cancelled" ? <p className="muted">{t("formation.cancelled")}</p> : null}
        {run?.result ? (
          <dl className="facts">
            <div>
              <dt>{t("formation.status")}</dt>
              <dd>{t(`formation.statuses.${run.result.status}`)}</dd>
            </div>
            <div>
              <dt>{t("formation.groupsFound")}</dt>
              <dd>{run.groups.length}</dd>
            </div>
            <div>
              <dt>{t("formation.score")}</dt>
              <dd>
                {number(run.result.objective.score, { maximumFractionDigits: 1 })} /{" "}
                {number(run.result.bound.score, { maximumFractionDigits: 1 })}
              </dd>
            </div>
            <div>
              <dt>{t("formation.gap")}</dt>
              <dd>{number(gap, { maximumFractionDigits: 2 })} %</dd>
            </div>
            <div>
              <dt>{t("formation.time")}</dt>
              <dd>{number(run.result.timeMs / 1000, { maximumFractionDigits: 1 })} s</dd>
            </div>
          </dl>
        ) : null}
      </section>

      {run && run.groups.length > 0 ? (
        <section aria-labelledby="proposed-title">
          <h2 id="proposed-title">{t("formation.proposedTitle")}</h2>
          <ul className="cards">
            {run.groups.map((g) => (
              <li key={g.id} className={`card card--${g.decision}`}>
                <h3 className="card-title">
                  {t("formation.groupLabel", { id: g.id.slice(1) })}{" "}
                  <span className="badge">{t(`formation.decisions.${g.decision}`)}</span>
                </h3>
                <ul>
                  {g.memberIds.map((id) => (
                    <li key={id}>
                      {name(id)}
                      {id === g.mentorId ? (
                        <span className="badge">{t("roles.mentor")}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
                <p>
                  <strong>
                    {t("formation.score")}
                    {t("common.colon")}
                  </strong>{" "}
                  {number(g.score, { maximumFractionDigits: 1 })}
                </p>
                <details>
                  <summary>{t("formation.why")}</summary>
                  <ul className="small">
                    {g.explanation.map((reason, i) => (
                      <li key={i}>{reasonText(locale, reason)}</li>
                    ))}
                  </ul>
                </details>
                {g.decision === "proposed" ? (
                  <>
                    <Form method="post" className="actions">
                      <input type="hidden" name="runId" value={run.id} />
                      <input type="hidden" name="groupId" value={g.id} />
                      <button type="submit" name="intent" value="approve" className="button">
                        {t("formation.approve")}
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="reject"
                        className="button button--secondary"
                      >
                        {t("formation.reject")}
                      </button>
                    </Form>
                    <Form method="post" className="inline-form change-form">
                      <input type="hidden" name="intent" value="change" />
                      <input type="hidden" name="runId" value={run.id} />
                      <input type="hidden" name="groupId" value={g.id} />
                      <div className="field">
                        <label htmlFor={`out-${g.id}`}>{t("formation.replace")}</label>
                        <select id={`out-${g.id}`} name="outId">
                          {g.memberIds.map((id) => (
                            <option key={id} value={id}>
                              {name(id)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`in-${g.id}`}>{t("formation.with")}</label>
                        <select id={`in-${g.id}`} name="inId">
                          {data.people
                            .filter((p) => !p.grouped && !g.memberIds.includes(p.id))
                            .map((p) => (
                              <option key={p.id} value={p.id}>
                                {p.name}
                                {placedInRun.has(p.id) ? ` — ${t("formation.swap")}` : ""}
                              </option>
                            ))}
                        </select>
                      </div>
                      <button type="submit" className="button button--secondary">
                        {t("formation.change")}
                      </button>
                    </Form>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {run.unplaced.length > 0 ? (
            <>
              <h3>{t("formation.unplacedTitle")}</h3>
              <ul>
                {run.unplaced.map((u) => (
                  <li key={u.id}>
                    <strong>{name(u.id)}</strong> —{" "}
                    {u.reasons.map((reason) => reasonText(locale, reason)).join(" ")}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {data.awaiting.length > 0 ? (
        <section className="panel" aria-labelledby="awaiting-title">
          <h2 id="awaiting-title">{t("formation.awaitingTitle")}</h2>
          <ul>
            {data.awaiting.map((p) => (
              <li key={p.id}>
                {p.memberIds.map(name).join(" · ")}
                <Form method="post" className="actions">
                  <input type="hidden" name="proposalId" value={p.id} />
                  <button type="submit" name="intent" value="self-approve" className="button">
                    {t("formation.approve")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="self-reject"
                    className="button button--secondary"
                  >
                    {t("formation.reject")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">{t("formation.rulesTitle")}</h2>
        <p className="field-hint">{t("formation.rulesHint")}</p>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="pair-add" />
          <div className="field">
            <label htmlFor="rule-kind">{t("formation.ruleKind")}</label>
            <select id="rule-kind" name="kind">
              <option value="pin">{t("formation.pin")}</option>
              <option value="forbid">{t("formation.forbid")}</option>
            </select>
          </div>
          {(["a", "b"] as const).map((side) => (
            <div className="field" key={side}>
              <label htmlFor={`rule-${side}`}>
                {t(side === "a" ? "formation.personA" : "formation.personB")}
              </label>
              <select id={`rule-${side}`} name={side}>
                {data.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" className="button button--secondary">
            {t("formation.addRule")}
          </button>
        </Form>
        <ul>
          {[
            ...data.pins.map((p) => ["pin", ...p] as const),
            ...data.forbids.map((p) => ["forbid", ...p] as const),
          ].map(([kind, a, b]) => (
            <li key={`${kind}-${a}-${b}`}>
              {t(kind === "pin" ? "formation.pinned" : "formation.forbidden", {
                a: name(a),
                b: name(b),
              })}{" "}
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="pair-remove" />
                <input type="hidden" name="kind" value={kind} />
                <input type="hidden" name="a" value={a} />
                <input type="hidden" name="b" value={b} />
                <button type="submit" className="link-button">
                  {t("taxonomy.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="groups-title">
        <h2 id="groups-title">{t("formation.activeTitle", { count: data.groups.length })}</h2>
        <ul>
          {data.groups.map((g) => (
            <li key={g.id}>
              <span>{g.memberIds.map(name).join(" · ")}</span>{" "}
              <span className="badge">{t(`formation.origins.${g.origin}`)}</span>{" "}
              <span className="muted">
                {t("groups.firstMeeting", { date: date(g.suggestedFirstMeeting) })}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="audit-title">
        <h2 id="audit-title">{t("formation.auditTitle")}</h2>
        {data.audit.length === 0 ? <p className="muted">{t("formation.auditEmpty")}</p> : null}
        <ol className="audit small">
          {data.audit.map((a) => (
            <li key={a.id}>
              {date(a.at, { dateStyle: "medium", timeStyle: "short" })} —{" "}
              <strong>{a.actorName}</strong> —{" "}
              <span data-action={a.action}>
                {t(
                  (AUDIT_ACTIONS.has(a.action)
                    ? `formation.audit.${a.action}`
                    : "formation.audit.other") as MessageKey,
                )}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
