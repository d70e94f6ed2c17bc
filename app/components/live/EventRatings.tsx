/** The people met in past rounds, to rate (yes, maybe, no) with a private note. */
import { useEffect, useRef, useState } from "react";
import { useT } from "~/utils/i18n-react";
import type { EventView } from "./useLiveEvent";
import type { Emit } from "./live-types";

export function Ratings({ view, emit }: { view: EventView; emit: Emit }) {
  const { t } = useT();
  const [saved, setSaved] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const count = view.toRate.length;
  // When a round ends, the chat that had the focus goes away: the keyboard lands on the ratings.
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (count > 0 && lost) heading.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <section className="panel" aria-labelledby="ratings-title">
      <h2 id="ratings-title" ref={heading} tabIndex={-1}>
        {t("live.rateTitle")}
      </h2>
      <p className="field-hint">{t("live.rateHint")}</p>
      <ul className="rating-list">
        {view.toRate.map((r) => {
          const key = `${r.round}-${r.participantId}`;
          return (
            <li key={key}>
              <form
                className="rating-form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  const data = new FormData(e.currentTarget);
                  const reply = await emit("rating:submit", {
                    round: r.round,
                    toParticipantId: r.participantId,
                    answer: String(data.get("answer") ?? ""),
                    note: String(data.get("note") ?? ""),
                  });
                  setSaved((s) => ({
                    ...s,
                    [key]: reply.ok ? t("live.rated") : reply.error.message || t("live.offline"),
                  }));
                }}
              >
                <fieldset>
                  <legend>
                    {t("live.rateWho", { name: r.name, round: r.round })}{" "}
                    <span className="muted">({r.organization})</span>
                  </legend>
                  <div className="score-scale">
                    {(["yes", "maybe", "no"] as const).map((answer) => (
                      <label key={answer} className="score-option">
                        <input
                          type="radio"
                          name="answer"
                          value={answer}
                          defaultChecked={r.answer === answer}
                          required
                        />
                        {t(`live.answers.${answer}`)}
                      </label>
                    ))}
                  </div>
                  <label htmlFor={`note-${key}`}>{t("live.privateNote")}</label>
                  <input id={`note-${key}`} name="note" defaultValue={r.note} maxLength={1000} />
                  <p>
                    <button type="submit" className="button button--secondary">
                      {t("live.saveRating")}
                    </button>{" "}
                    <span role="status">{saved[key] ?? ""}</span>
                  </p>
                </fieldset>
              </form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
