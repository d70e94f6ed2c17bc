/** Parts of the co-development session screen: the roles, the steps, the writer's notes. */
import { useEffect, useRef, useState } from "react";
import { CODEV_STEP_KEYS } from "../../../core/models/codev";
import type { CodevView } from "../../../core/live/protocol";
import { useT } from "~/utils/i18n-react";

export type Role = "client" | "facilitator" | "scribe" | "consultant";
export function roleOf(view: CodevView, id: string): Role {
  if (view.session.clientId === id) return "client";
  if (view.session.facilitatorId === id) return "facilitator";
  if (view.session.scribeId === id) return "scribe";
  return "consultant";
}

/**
 * The writer's notes for one step, saved shortly after each pause in typing. Mounted once per step
 * (key), so a step change never moves text to another step: the pending text is saved to its own
 * step when the facilitator moves on.
 */
export function StepNotes({
  step,
  value,
  save,
}: {
  step: number;
  value: string;
  save: (step: number, text: string) => Promise<boolean>;
}) {
  const { t } = useT();
  const [text, setText] = useState(value);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(value);
  const dirty = useRef(false);
  useEffect(() => {
    // Someone else's edit (the facilitator standing in) shows only while this person is not typing.
    if (!dirty.current) {
      setText(value);
      latest.current = value;
    }
  }, [value]);
  const flush = useRef((next: string) => {
    setState("saving");
    void save(step, next).then((ok) => {
      // Still dirty if the save failed or newer keystrokes came meanwhile.
      if (ok && latest.current === next) dirty.current = false;
      setState(ok ? "saved" : "failed");
    });
  });
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (dirty.current) flush.current(latest.current);
    },
    [],
  );
  return (
    <div className="field">
      <label htmlFor="codev-notes">{t("codev.runner.notes")}</label>
      <textarea
        id="codev-notes"
        rows={6}
        value={text}
        maxLength={8000}
        aria-describedby="codev-notes-state"
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          latest.current = next;
          dirty.current = true;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => flush.current(next), 700);
        }}
        onBlur={() => {
          if (dirty.current) {
            clearTimeout(timer.current);
            flush.current(latest.current);
          }
        }}
      />
      <p className="field-hint" id="codev-notes-state" aria-live="polite">
        {state === "saving"
          ? t("codev.runner.notesSaving")
          : state === "saved"
            ? t("codev.runner.notesSaved")
            : state === "failed"
              ? t("codev.runner.notesFailed")
              : ""}
      </p>
    </div>
  );
}

/** Who is in the session, their role, and whether they are connected. */
export function CodevPeople({
  view,
  online,
}: {
  view: CodevView;
  online: (id: string) => boolean;
}) {
  const { t } = useT();
  return (
    <ul className="codev-roles">
      {view.people.map((p) => (
        <li key={p.id}>
          <span
            className={online(p.id) ? "presence presence--on" : "presence"}
            aria-hidden="true"
          />
          <strong>{p.name}</strong> — {t(`codev.roles.${roleOf(view, p.id)}`)}{" "}
          <span className="muted">
            ({t(online(p.id) ? "codev.runner.online" : "codev.runner.away")})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The method's steps, the current one marked. */
export function CodevSteps({ view }: { view: CodevView }) {
  const { t } = useT();
  const s = view.session;
  const ended = s.status === "ended";
  const live = s.status === "running" || s.status === "paused";
  return (
    <ol className="codev-steps" aria-label={t("codev.runner.stepsLabel")}>
      {CODEV_STEP_KEYS.map((key, i) => (
        <li
          key={key}
          aria-current={live && i === s.currentStep ? "step" : undefined}
          className={
            ended || (live && i < s.currentStep)
              ? "codev-step codev-step--done"
              : live && i === s.currentStep
                ? "codev-step codev-step--current"
                : "codev-step"
          }
        >
          {i}. {t(`codev.steps.${key}.title`)}{" "}
          <span className="muted">{t("codev.minutes", { minutes: s.minutes[i]! })}</span>
        </li>
      ))}
    </ol>
  );
}
