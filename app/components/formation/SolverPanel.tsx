import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import { Form } from "~/components/AppForm";
import { useT } from "~/utils/i18n-react";
import { shareOfBound } from "../../../core/data/plain-words";
import type { ClientSocket } from "~/components/live/useLiveEvent";
import type { FormationRun } from "./types";

/** The solver's progress, pushed over Socket.IO while a run is going; the page reloads at its end. */
function useSolverProgress(programId: string, running: boolean) {
  const [progress, setProgress] = useState<{ phase: string; fraction: number } | null>(null);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    // Typed by the one live protocol (core/live/protocol.ts).
    const socket: ClientSocket = io({ transports: ["websocket", "polling"] });
    socket.on("connect", () => socket.emit("formation:watch", { programId }, () => undefined));
    socket.on("solver:update", (payload) => {
      if (payload.progress) setProgress(payload.progress);
      if (payload.done) revalidator.revalidate();
    });
    return () => {
      socket.close();
    };
  }, [programId, running, revalidator]);
  return progress;
}

/** Start (or cancel) the solver, follow its progress, and read its last result. */
export function SolverPanel({
  programId,
  run,
  freeCount,
}: {
  programId: string;
  run: FormationRun | null;
  freeCount: number;
}) {
  const navigation = useNavigation();
  const { t, number } = useT();
  const running = run?.status === "running";
  const progress = useSolverProgress(programId, running);
  const summary = run?.result ? currentFigures(run) : null;
  return (
    <section className="panel" aria-labelledby="solve-title">
      <h2 id="solve-title">{t("formation.solveTitle")}</h2>
      <p>{t("formation.solveHint", { count: freeCount })}</p>
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
      {run?.result && summary ? (
        <>
          {summary.edited ? (
            <p className="alert alert--warning" role="note">
              {t("formation.editedSince")}
            </p>
          ) : null}
          <dl className="facts">
            <div>
              <dt>{t("formation.status")}</dt>
              <dd>
                {summary.edited
                  ? t("formation.statuses.edited")
                  : t(`formation.statuses.${run.result.status}`)}
              </dd>
            </div>
            <div>
              <dt>{t("formation.groupsFound")}</dt>
              <dd>{summary.groups}</dd>
            </div>
            <div>
              <dt>{t("formation.score")}</dt>
              <dd>
                {number(summary.score, { maximumFractionDigits: 1 })} /{" "}
                {number(run.result.bound.score, { maximumFractionDigits: 1 })}
              </dd>
            </div>
            <div>
              <dt>{t("formation.gap")}</dt>
              <dd>
                {number(summary.share, {
                  maximumFractionDigits: 1,
                })}{" "}
                %
              </dd>
            </div>
            <div>
              <dt>{t("formation.time")}</dt>
              <dd>{number(run.result.timeMs / 1000, { maximumFractionDigits: 1 })} s</dd>
            </div>
          </dl>
          <p className="field-hint">
            {t("formation.boundHint", {
              bound: number(run.result.bound.score, { maximumFractionDigits: 1 }),
              score: number(summary.score, { maximumFractionDigits: 1 }),
              percent: number(summary.share, {
                maximumFractionDigits: 1,
              }),
            })}
          </p>
        </>
      ) : null}
    </section>
  );
}

/**
 * The figures of the proposals as they are: the calculation's own until a coordinator changes a
 * proposal by hand, then the affinity of the proposals still standing against the calculation's
 * bound (still a ceiling for any set of groups).
 */
function currentFigures(run: FormationRun) {
  const result = run.result!;
  const standing = run.groups.filter((g) => g.decision !== "rejected");
  const edited = run.editedAt !== null;
  const score = edited ? standing.reduce((sum, g) => sum + g.score, 0) : result.objective.score;
  const bound = result.bound.score;
  return {
    edited,
    groups: edited ? standing.length : run.groups.length,
    score,
    /** The share of the proven bound the proposals reach (plain-words.ts). */
    share: shareOfBound(score, bound),
  };
}
