import { useEffect, useRef, type RefObject } from "react";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FieldErrorText } from "~/components/Field";
import { reasonText } from "../../../core/data/reason-text";
import type { TagOption } from "../../../core/data/tag-label";
import { useAppForm } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import type { FormationData, FormationRun, RegroupingProposal } from "./types";

type GroupView = NonNullable<RegroupingProposal["rows"][number]["before"]>;

/**
 * Local re-optimization: choose 2–6 proposals (and people in no group), read the best regrouping of
 * only those people as a before/after comparison, and apply it or not
 * (core/models/formation-local.server.ts).
 */
export function Regroup({
  run,
  people,
  name,
  taxonomy,
  proposal,
  applied,
}: {
  run: FormationRun;
  people: FormationData["people"];
  name: (id: string) => string;
  taxonomy: readonly TagOption[];
  proposal: RegroupingProposal | null;
  applied: boolean;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const [, fields] = useAppForm<{ groupIds: string[]; freeIds: string[] }>({
    intent: "regroup",
    id: "regroup",
  });
  const proposed = run.groups.filter((g) => g.decision === "proposed");
  const inProposals = new Set(proposed.flatMap((g) => g.memberIds));
  const free = people.filter((p) => !p.grouped && !inProposals.has(p.id));
  const groupError = fields.groupIds.errors?.[0];
  const freeError = fields.freeIds.errors?.[0];
  const result = useRef<HTMLElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  // The answer takes the keyboard: the comparison once computed, the confirmation once applied.
  useEffect(() => {
    if (proposal) result.current?.focus();
  }, [proposal]);
  useEffect(() => {
    if (applied) status.current?.focus();
  }, [applied]);
  if (proposed.length < 2 && !proposal) return null;
  return (
    <section className="panel" aria-labelledby="regroup-title">
      <h2 id="regroup-title">{t("formation.local.title")}</h2>
      <p>{t("formation.local.intro")}</p>
      {applied ? (
        <p className="alert alert--success" role="status" tabIndex={-1} ref={status}>
          {t("formation.local.applied")}
        </p>
      ) : null}
      <Form method="post" id="regroup" className="regroup-form">
        <input type="hidden" name="runId" value={run.id} />
        <fieldset
          className={groupError ? "field--invalid" : undefined}
          aria-describedby={groupError ? "field-groupIds-error" : undefined}
        >
          <legend>{t("formation.local.groupsLegend")}</legend>
          <div className="checkbox-grid">
            {proposed.map((g) => (
              <div className="checkbox" key={g.id}>
                <input
                  type="checkbox"
                  id={`regroup-${g.id}`}
                  name="groupIds"
                  value={g.id}
                  defaultChecked={proposal?.groupIds.includes(g.id)}
                  aria-invalid={groupError ? true : undefined}
                />
                <label htmlFor={`regroup-${g.id}`}>
                  <strong>{t("formation.groupLabel", { id: g.id.slice(1) })}</strong>
                  {t("common.colon")} {g.memberIds.map(name).join(" · ")}
                </label>
              </div>
            ))}
          </div>
          <FieldErrorText id="field-groupIds" error={groupError} />
        </fieldset>
        <fieldset
          className={freeError ? "field--invalid" : undefined}
          aria-describedby={freeError ? "field-freeIds-error" : undefined}
        >
          <legend>{t("formation.local.freeLegend")}</legend>
          {free.length === 0 ? <p className="muted">{t("formation.local.noFree")}</p> : null}
          <div className="checkbox-grid">
            {free.map((p) => (
              <div className="checkbox" key={p.id}>
                <input
                  type="checkbox"
                  id={`regroup-free-${p.id}`}
                  name="freeIds"
                  value={p.id}
                  defaultChecked={proposal?.freeIds.includes(p.id)}
                  aria-invalid={freeError ? true : undefined}
                />
                <label htmlFor={`regroup-free-${p.id}`}>
                  {name(p.id)} — {t(`roles.${p.role}`)}
                </label>
              </div>
            ))}
          </div>
          <FieldErrorText id="field-freeIds" error={freeError} />
        </fieldset>
        <div className="actions">
          <button
            type="submit"
            name="intent"
            value="regroup"
            className="button"
            disabled={navigation.state !== "idle"}
          >
            {t("formation.local.compute")}
          </button>
        </div>
      </Form>
      {proposal ? (
        <Comparison proposal={proposal} name={name} taxonomy={taxonomy} focusRef={result} />
      ) : null}
    </section>
  );
}

function Comparison({
  proposal,
  name,
  taxonomy,
  focusRef,
}: {
  proposal: RegroupingProposal;
  name: (id: string) => string;
  taxonomy: readonly TagOption[];
  focusRef: RefObject<HTMLElement>;
}) {
  const { t, number } = useT();
  const score = (x: number) => number(x, { maximumFractionDigits: 1 });
  return (
    <section
      className="regroup-result"
      aria-labelledby="regroup-result-title"
      tabIndex={-1}
      ref={focusRef}
    >
      <h3 id="regroup-result-title">{t("formation.local.resultTitle")}</h3>
      <p>
        {proposal.improved
          ? t("formation.local.improved", {
              groups: proposal.after.groups,
              groupsBefore: proposal.before.groups,
              score: score(proposal.after.score),
              scoreBefore: score(proposal.before.score),
            })
          : t("formation.local.same")}{" "}
        <span className="muted">
          {t(
            proposal.status === "optimal" ? "formation.local.proven" : "formation.local.notProven",
            {
              ms: proposal.timeMs,
            },
          )}
        </span>
      </p>
      {proposal.improved ? (
        <ol className="regroup-rows">
          {proposal.rows.map((row, i) => (
            <li key={row.id ?? `new-${i}`} className="card regroup-row">
              <h4>
                {row.id
                  ? t("formation.groupLabel", { id: row.id.slice(1) })
                  : t("formation.local.newGroup")}
              </h4>
              <div className="regroup-compare">
                <GroupColumn
                  label={t("formation.local.before")}
                  group={row.before}
                  name={name}
                  taxonomy={taxonomy}
                  empty={t("formation.local.newGroup")}
                />
                <GroupColumn
                  label={t("formation.local.after")}
                  group={row.after}
                  name={name}
                  taxonomy={taxonomy}
                  empty={t("formation.local.dissolved")}
                  compare={row.before}
                />
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {proposal.improved && proposal.unplaced.length > 0 ? (
        <>
          <h4>{t("formation.local.unplacedTitle")}</h4>
          <UnplacedList unplaced={proposal.unplaced} name={name} taxonomy={taxonomy} />
        </>
      ) : null}
      {proposal.improved ? (
        <Form method="post" className="actions">
          <input type="hidden" name="runId" value={proposal.runId} />
          <input type="hidden" name="token" value={proposal.token} />
          {proposal.groupIds.map((id) => (
            <input key={id} type="hidden" name="groupIds" value={id} />
          ))}
          {proposal.freeIds.map((id) => (
            <input key={id} type="hidden" name="freeIds" value={id} />
          ))}
          {proposal.rows.flatMap((row, i) =>
            row.after ? (
              <input key={i} type="hidden" name="groups" value={row.after.members.join(",")} />
            ) : (
              []
            ),
          )}
          <button type="submit" name="intent" value="regroup-apply" className="button">
            {t("formation.local.apply")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function UnplacedList({
  unplaced,
  name,
  taxonomy,
}: {
  unplaced: RegroupingProposal["unplaced"];
  name: (id: string) => string;
  taxonomy: readonly TagOption[];
}) {
  const { locale } = useT();
  return (
    <ul>
      {unplaced.map((u) => (
        <li key={u.id}>
          <strong>{name(u.id)}</strong> —{" "}
          {u.reasons.map((reason) => reasonText(locale, reason, taxonomy)).join(" ")}
        </li>
      ))}
    </ul>
  );
}

function GroupColumn({
  label,
  group,
  name,
  taxonomy,
  empty,
  compare,
}: {
  label: string;
  group: GroupView | null;
  name: (id: string) => string;
  taxonomy: readonly TagOption[];
  empty: string;
  compare?: GroupView | null;
}) {
  const { t, locale, number } = useT();
  const trend =
    compare && group
      ? group.score > compare.score + 1e-9
        ? "stronger"
        : group.score < compare.score - 1e-9
          ? "weaker"
          : "equal"
      : null;
  return (
    <div className="regroup-column">
      <h5>{label}</h5>
      {group ? (
        <>
          <ul>
            {group.members.map((id) => (
              <li key={id}>
                {name(id)}
                {id === group.mentorId ? <span className="badge">{t("roles.mentor")}</span> : null}
              </li>
            ))}
          </ul>
          <p>
            {t("formation.local.affinity", {
              score: number(group.score, { maximumFractionDigits: 1 }),
            })}
            {trend ? ` (${t(`formation.local.${trend}`)})` : null}
          </p>
          <details>
            <summary>{t("formation.why")}</summary>
            <ul className="small">
              {group.reasons.map((reason, i) => (
                <li key={i}>{reasonText(locale, reason, taxonomy)}</li>
              ))}
            </ul>
          </details>
        </>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </div>
  );
}
