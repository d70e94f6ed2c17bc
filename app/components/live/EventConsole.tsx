/** The coordinators' console of a live event: the commands, who is connected, the rooms. */
import { useState } from "react";
import { useT } from "~/utils/i18n-react";
import type { EventView } from "./useLiveEvent";
import type { Emit } from "./live-types";

export function Console({ view, emit }: { view: EventView; emit: Emit }) {
  const { t } = useT();
  const [message, setMessage] = useState("");
  if (!view.console) return null;
  const status = view.event.status;
  const command = async (name: string) => {
    // The revision shown: a second click before the new view arrives is refused, not applied.
    const reply = await emit("console:command", { command: name, revision: view.version });
    setMessage(reply.ok ? "" : reply.error.message || t("live.offline"));
  };
  // Buttons that do not apply now stay focusable (aria-disabled, not disabled): pressing "start"
  // with the keyboard leaves the focus on the console instead of dropping it to the page.
  const buttons: Array<{ name: string; label: Parameters<typeof t>[0]; enabled: boolean }> = [
    { name: "open-lobby", label: "live.commands.openLobby", enabled: status === "scheduled" },
    {
      name: "start",
      label: "live.commands.start",
      enabled: status === "scheduled" || status === "lobby",
    },
    { name: "pause", label: "live.commands.pause", enabled: status === "running" },
    { name: "resume", label: "live.commands.resume", enabled: status === "paused" },
    {
      name: "extend",
      label: "live.commands.extend",
      enabled: status === "running" || status === "paused",
    },
    {
      name: "skip",
      label: "live.commands.skip",
      enabled: status === "running" || status === "paused",
    },
    { name: "end", label: "live.commands.end", enabled: status !== "ended" },
  ];
  const connected = view.console.invited.filter((p) => p.connected).length;
  return (
    <section className="panel" aria-labelledby="console-title">
      <h2 id="console-title">{t("live.console")}</h2>
      <div className="actions" role="group" aria-label={t("live.console")}>
        {buttons.map((b) => (
          <button
            key={b.name}
            type="button"
            className="button button--secondary"
            aria-disabled={!b.enabled || undefined}
            onClick={b.enabled ? () => void command(b.name) : undefined}
          >
            {t(b.label)}
          </button>
        ))}
      </div>
      {message ? (
        <p className="field-error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="two-columns">
        <div>
          <h3>{t("live.presence", { connected, invited: view.console.invited.length })}</h3>
          <ul className="presence-list">
            {view.console.invited.map((p) => (
              <li key={p.id} className={p.connected ? "present" : "absent"}>
                <span aria-hidden="true">{p.connected ? "●" : "○"}</span> {p.name}
                <span className="visually-hidden">
                  {" "}
                  — {t(p.connected ? "live.connected" : "live.notConnected")}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t("live.rooms")}</h3>
          {view.console.rooms.length === 0 ? <p className="muted">{t("live.noRooms")}</p> : null}
          <ol className="room-list">
            {view.console.rooms.map((r) => (
              <li key={r.id}>
                <strong>
                  {t(view.event.format === "in-person" ? "live.table" : "live.room", {
                    number: r.number,
                  })}
                </strong>{" "}
                : {r.members.join(", ")}
              </li>
            ))}
          </ol>
          {view.console.waiting.length ? (
            <p>
              {t("live.waitingList")}
              {t("common.colon")} {view.console.waiting.join(", ")}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
