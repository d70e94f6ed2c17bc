import { useEffect, useRef } from "react";
import { Form } from "~/components/AppForm";
import { reasonText } from "../../../core/data/reason-text";
import type { TagOption } from "../../../core/data/tag-label";
import { useT } from "~/utils/i18n-react";
import { ROLES } from "../../../matching/roles";
import type { FormationData, FormationRun, ReplacementsView } from "./types";

/**
 * The groups the solver proposed, each with its score and reasons, to approve, reject or change
 * (replace a member by a free person, or swap with a person placed in another proposed group);
 * then the people it could not place and why.
 */
export function ProposedGroups({
  run,
  people,
  name,
  taxonomy,
  replacements,
}: {
  run: FormationRun;
  people: FormationData["people"];
  name: (id: string) => string;
  taxonomy: readonly TagOption[];
  /** The best replacements asked for one member of one proposal, if any. */
  replacements?: ReplacementsView | null;
}) {
  const { t, locale, number } = useT();
  const signed = (x: number) => number(x, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
  const placedInRun = new Set(
    run.groups.filter((g) => g.decision !== "rejected").flatMap((g) => g.memberIds),
  );
  return (
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
                  {id === g.mentorId ? <span className="badge">{t("roles.mentor")}</span> : null}
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
                  <li key={i}>{reasonText(locale, reason, taxonomy)}</li>
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
                      {/* Grouped by role, to find the mentor or mentee the group needs (the
                          server's rules check refuses a change that breaks the group). */}
                      {ROLES.map((role) => {
                        const candidates = people.filter(
                          (p) => p.role === role && !p.grouped && !g.memberIds.includes(p.id),
                        );
                        return candidates.length ? (
                          <optgroup key={role} label={t(`roles.${role}s`)}>
                            {candidates.map((p) => (
                              <option key={p.id} value={p.id}>
                                {p.name}
                                {placedInRun.has(p.id) ? ` — ${t("formation.swap")}` : ""}
                              </option>
                            ))}
                          </optgroup>
                        ) : null;
                      })}
                    </select>
                  </div>
                  <button
                    type="submit"
                    name="intent"
                    value="change"
                    className="button button--secondary"
                  >
                    {t("formation.change")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="replacements"
                    className="button button--secondary"
                  >
                    {t("formation.local.replacements")}
                  </button>
                </Form>
                {replacements && replacements.groupId === g.id && replacements.runId === run.id ? (
                  <Replacements
                    view={replacements}
                    name={name}
                    signed={signed}
                    title={t("formation.local.replacementsTitle", {
                      name: name(replacements.outId),
                    })}
                  />
                ) : null}
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
                {u.reasons.map((reason) => reasonText(locale, reason, taxonomy)).join(" ")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The best replacements for one member, best first, each a button that makes the change. */
function Replacements({
  view,
  name,
  signed,
  title,
}: {
  view: ReplacementsView;
  name: (id: string) => string;
  signed: (x: number) => string;
  title: string;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  // The answer takes the keyboard.
  useEffect(() => ref.current?.focus(), [view]);
  return (
    <div className="replacements" tabIndex={-1} ref={ref} aria-labelledby={`rep-${view.groupId}`}>
      <h4 id={`rep-${view.groupId}`}>{title}</h4>
      {view.replacements.length === 0 ? (
        <p className="muted">{t("formation.local.replacementsNone")}</p>
      ) : (
        <ol>
          {view.replacements.map((r) => (
            <li key={r.id}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="runId" value={view.runId} />
                <input type="hidden" name="groupId" value={view.groupId} />
                <input type="hidden" name="outId" value={view.outId} />
                <input type="hidden" name="inId" value={r.id} />
                <button
                  type="submit"
                  name="intent"
                  value="change"
                  className="button button--secondary"
                >
                  {r.swapWith
                    ? t("formation.local.swapWith", { name: name(r.id), id: r.swapWith.slice(1) })
                    : t("formation.local.replaceWith", { name: name(r.id) })}
                </button>{" "}
                <span>{t("formation.local.delta", { delta: signed(r.delta) })}</span>
              </Form>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
