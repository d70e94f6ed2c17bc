import { Form } from "~/components/AppForm";
import { reasonText } from "../../../core/data/reason-text";
import { useT } from "~/utils/i18n-react";
import type { FormationData, FormationRun } from "./types";

/**
 * The groups the solver proposed, each with its score and reasons, to approve, reject or change
 * (replace a member by a free person, or swap with a person placed in another proposed group);
 * then the people it could not place and why.
 */
export function ProposedGroups({
  run,
  people,
  name,
}: {
  run: FormationRun;
  people: FormationData["people"];
  name: (id: string) => string;
}) {
  const { t, locale, number } = useT();
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
                      {people
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
  );
}
