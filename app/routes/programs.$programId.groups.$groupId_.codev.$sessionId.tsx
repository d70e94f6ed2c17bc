import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { formatClock } from "~/components/live/useLiveEvent";
import { useCodev, useStepClock, type CodevEvent } from "~/components/live/useCodev";
import { CodevPeople, CodevSteps, roleOf, StepNotes } from "~/components/live/CodevParts";
import { CODEV_STEP_KEYS } from "../../core/models/codev";
import { codevPeople, codevView, getCodevSession } from "../../core/models/codev.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireGroupMember } from "~/utils/permissions.server";
import { isId } from "../../core/utils/ids";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "codev.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group, participant } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const id = typeof params.sessionId === "string" ? params.sessionId : "";
  const session = isId(id) ? await getCodevSession(s, group.id, id) : undefined;
  if (!session) throw notFound();
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    me: participant.id,
    initial: codevView(session, await codevPeople(s, group), []),
  };
}

export default function CodevRunner() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const { view, connection, error, setError, emit, serverNow } = useCodev(
    data.initial.session.id,
    data.initial,
  );
  const elapsed = useStepClock(view, serverNow);
  const s = view.session;
  const me = data.me;
  const role = roleOf(view, me);
  const isFacilitator = role === "facilitator";
  const online = (id: string) => view.connected.includes(id);
  // One writer at a time: the scribe, or the facilitator when there is none or they are away.
  const canWriteNotes =
    role === "scribe" || (isFacilitator && (!s.scribeId || !online(s.scribeId)));
  const canWriteActions = role !== "consultant";
  const name = (id: string | null) => view.people.find((p) => p.id === id)?.name ?? "—";
  const stepKey = CODEV_STEP_KEYS[s.currentStep]!;
  const budget = s.minutes[s.currentStep]! * 60_000;
  const over = elapsed > budget;
  const [subject, setSubject] = useState(s.subject);
  const subjectDirty = useRef(false);
  const [action, setAction] = useState("");
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  useEffect(() => {
    if (!subjectDirty.current) setSubject(s.subject);
  }, [s.subject]);
  useEffect(() => setConfirmEnd(false), [s.currentStep, s.status]);

  // The facilitator's buttons stay focusable while a command is on its way (aria-disabled, not
  // disabled): a keyboard user pressing "next step" keeps the focus where it was.
  const endButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const askedEnd = useRef(false);
  useEffect(() => {
    if (confirmEnd) confirmButton.current?.focus();
    else if (askedEnd.current) endButton.current?.focus();
    askedEnd.current = confirmEnd;
  }, [confirmEnd]);
  const send = async (event: CodevEvent, payload: Record<string, unknown> = {}) => {
    if (busy) return false;
    setBusy(true);
    const reply = await emit(event, payload);
    setBusy(false);
    if (!reply.ok) setError(reply.error.message || t("codev.runner.offline"));
    else setError(null);
    return reply.ok;
  };
  const command = (name: string) => () => void send("codev:command", { command: name });
  // Moves carry the step on screen: a second click on a slow connection does not skip a step.
  const move = (name: "next" | "back" | "end") => () =>
    void send("codev:command", { command: name, step: s.currentStep });
  const submitSubject = (e: FormEvent) => {
    e.preventDefault();
    void send("codev:subject", { text: subject }).then((ok) => {
      if (ok) subjectDirty.current = false;
    });
  };
  const submitAction = async (e: FormEvent) => {
    e.preventDefault();
    if (await send("codev:action:add", { title: action })) setAction("");
  };
  const ended = s.status === "ended";
  const live = s.status === "running" || s.status === "paused";

  return (
    <>
      <p>
        <Link to={`${data.groupPath}/codev`}>← {t("codev.title")}</Link>
      </p>
      <h1>{t("codev.sessionTitle", { number: s.number })}</h1>
      <p className="lead">
        {t("codev.runner.you", { role: t(`codev.roles.${role}`) })}{" "}
        <span className={`connection connection--${connection}`}>
          {t(`codev.runner.connection.${connection}`)}
        </span>
      </p>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="roles-title">
        <h2 id="roles-title">{t("codev.runner.rolesTitle")}</h2>
        <CodevPeople view={view} online={online} />
        {!ended && !isFacilitator && role !== "client" && !online(s.facilitatorId) ? (
          <p>
            <span className="field-hint">{t("codev.runner.takeoverHint")}</span>{" "}
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={command("takeover")}
            >
              {t("codev.runner.takeover")}
            </button>
          </p>
        ) : null}
      </section>

      <CodevSteps view={view} />

      {s.status === "planned" ? (
        <section className="panel" aria-labelledby="step-title">
          <h2 id="step-title">{t("codev.runner.notStarted")}</h2>
          <p>{t(isFacilitator ? "codev.runner.startHint" : "codev.runner.waiting")}</p>
          {isFacilitator ? (
            <button type="button" className="button" disabled={busy} onClick={command("start")}>
              {t("codev.runner.start")}
            </button>
          ) : null}
        </section>
      ) : null}

      {live ? (
        <section className="panel codev-current" aria-labelledby="step-title">
          <p className="muted">{t("codev.runner.stepOf", { step: s.currentStep })}</p>
          <h2 id="step-title" aria-live="polite">
            {s.currentStep}. {t(`codev.steps.${stepKey}.title`)}
          </h2>
          <p>{t(`codev.steps.${stepKey}.help`)}</p>
          <p className="visually-hidden" aria-live="polite">
            {over ? t("codev.runner.timeUp") : ""}
          </p>
          <p className={over ? "codev-timer codev-timer--over" : "codev-timer"} role="timer">
            {s.status === "paused" ? `${t("codev.runner.paused")} · ` : ""}
            {over
              ? t("codev.runner.overtime", { time: formatClock(elapsed - budget) })
              : t("codev.runner.remaining", { time: formatClock(budget - elapsed) })}
          </p>
          {isFacilitator ? (
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={busy || s.currentStep === 0 || undefined}
                onClick={s.currentStep === 0 ? undefined : move("back")}
              >
                {t("codev.runner.back")}
              </button>
              {s.status === "running" ? (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-disabled={busy || undefined}
                  onClick={command("pause")}
                >
                  {t("codev.runner.pause")}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-disabled={busy || undefined}
                  onClick={command("resume")}
                >
                  {t("codev.runner.resume")}
                </button>
              )}
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={busy || undefined}
                onClick={() => void send("codev:extend", { minutes: 5 })}
              >
                {t("codev.runner.extend")}
              </button>
              {s.currentStep < CODEV_STEP_KEYS.length - 1 ? (
                <button
                  type="button"
                  className="button"
                  aria-disabled={busy || undefined}
                  onClick={move("next")}
                >
                  {t("codev.runner.next")}
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  ref={endButton}
                  aria-disabled={busy || confirmEnd || undefined}
                  aria-expanded={confirmEnd}
                  onClick={() => setConfirmEnd(true)}
                >
                  {t("codev.runner.end")}
                </button>
              )}
            </div>
          ) : null}
          {isFacilitator && confirmEnd ? (
            <div className="alert alert--warning" role="alertdialog" aria-labelledby="end-question">
              <p id="end-question">{t("codev.runner.endQuestion")}</p>
              <div className="button-row">
                <button
                  type="button"
                  className="button"
                  ref={confirmButton}
                  aria-disabled={busy || undefined}
                  onClick={move("end")}
                >
                  {t("codev.runner.endConfirm")}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirmEnd(false)}
                >
                  {t("codev.runner.endCancel")}
                </button>
              </div>
            </div>
          ) : null}
        </section>
      ) : null}

      {ended ? (
        <section className="panel" aria-labelledby="ended-title">
          <h2 id="ended-title">{t("codev.runner.endedTitle")}</h2>
          <p className="alert alert--success" role="status">
            {t("codev.runner.ended", {
              hours: s.hours ?? 0,
              count: s.actionItems.length,
            })}
          </p>
          <p>
            <Link className="button button--secondary" to={`${data.groupPath}/plan`}>
              {t("codev.runner.openPlan")}
            </Link>{" "}
            <Link className="button button--secondary" to={`${data.groupPath}/hours`}>
              {t("groups.openHours")}
            </Link>
          </p>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="subject-title">
        <h2 id="subject-title">{t("codev.runner.subject")}</h2>
        {!ended && (role === "client" || isFacilitator) ? (
          <form className="inline-form" onSubmit={submitSubject}>
            <div className="field">
              <label htmlFor="codev-subject">{t("codev.runner.subjectLabel")}</label>
              <input
                id="codev-subject"
                value={subject}
                maxLength={300}
                onChange={(e) => {
                  subjectDirty.current = true;
                  setSubject(e.target.value);
                }}
              />
            </div>
            <button
              type="submit"
              className="button button--secondary"
              aria-disabled={busy || undefined}
            >
              {t("codev.runner.subjectSave")}
            </button>
          </form>
        ) : (
          <p>{s.subject || t("codev.runner.noSubject")}</p>
        )}
      </section>

      {live || (ended && canWriteNotes) ? (
        <section className="panel" aria-labelledby="notes-title">
          <h2 id="notes-title">{t("codev.runner.notesTitle")}</h2>
          {canWriteNotes ? (
            <StepNotes
              key={s.currentStep}
              step={s.currentStep}
              value={s.notes[s.currentStep] ?? ""}
              save={async (step, text) => (await emit("codev:note", { step, text })).ok}
            />
          ) : (
            <>
              <p className="field-hint">
                {t("codev.runner.notesBy", { name: name(s.scribeId ?? s.facilitatorId) })}
              </p>
              <p className="codev-notes">{s.notes[s.currentStep] || t("codev.runner.noNotes")}</p>
            </>
          )}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="actions-title">
        <h2 id="actions-title">{t("codev.runner.actions", { name: name(s.clientId) })}</h2>
        <p className="field-hint">{t("codev.runner.actionsHint")}</p>
        {s.actionItems.length > 0 ? (
          <ul className="codev-actions">
            {s.actionItems.map((item) => (
              <li key={item.id}>
                {item.title}{" "}
                {!ended && canWriteActions ? (
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    onClick={() => void send("codev:action:remove", { itemId: item.id })}
                  >
                    {t("codev.runner.remove", { title: item.title })}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">{t("codev.runner.noActions")}</p>
        )}
        {!ended && canWriteActions ? (
          <form className="inline-form" onSubmit={(e) => void submitAction(e)}>
            <div className="field">
              <label htmlFor="codev-action">{t("codev.runner.actionTitle")}</label>
              <input
                id="codev-action"
                value={action}
                maxLength={300}
                required
                onChange={(e) => setAction(e.target.value)}
              />
            </div>
            <button
              type="submit"
              className="button button--secondary"
              aria-disabled={busy || undefined}
            >
              {t("codev.runner.addAction")}
            </button>
          </form>
        ) : null}
      </section>

      {s.notes.some(Boolean) ? (
        <details className="panel">
          <summary>{t("codev.runner.allNotes")}</summary>
          <dl>
            {CODEV_STEP_KEYS.map((key, i) =>
              s.notes[i] ? (
                <div key={key}>
                  <dt>
                    {i}. {t(`codev.steps.${key}.title`)}
                  </dt>
                  <dd className="codev-notes">{s.notes[i]}</dd>
                </div>
              ) : null,
            )}
          </dl>
        </details>
      ) : null}
    </>
  );
}
