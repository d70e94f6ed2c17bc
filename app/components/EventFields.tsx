import { Choice } from "./Choice";
import { Field, FieldErrorText, type AppField } from "./Field";
import { useT } from "~/utils/i18n-react";

export interface EventFieldsPerson {
  id: string;
  name: string;
  organization: string;
  role: "mentor" | "mentee" | "peer";
}

/**
 * The settings of a speed-dating event, for scheduling one and for changing it (the same schema,
 * core/schemas/event.ts): title, start (Quebec time), rounds, room size, format, video link and
 * who is invited (`invited`: the boxes checked).
 */
export function EventFields({
  fields,
  participants,
  invited,
}: {
  fields: Record<string, AppField>;
  participants: EventFieldsPerson[];
  invited: Set<string>;
}) {
  const { t } = useT();
  const e = (name: string) => fields[name]?.errors?.[0];
  return (
    <>
      <Field field={fields.title!} label={t("events.fields.title")} required />
      <Field
        field={fields.startsAt!}
        type="datetime-local"
        label={t("events.fields.startsAt")}
        required
      />
      <div className="field-row">
        <Field
          field={fields.rounds!}
          type="number"
          min={1}
          max={20}
          required
          label={t("events.fields.rounds")}
        />
        <Field
          field={fields.roundMinutes!}
          type="number"
          min={0.05}
          max={60}
          step="any"
          required
          label={t("events.fields.roundMinutes")}
        />
        <Field
          field={fields.breakMinutes!}
          type="number"
          min={0}
          max={30}
          step="any"
          required
          label={t("events.fields.breakMinutes")}
        />
      </div>
      <div className="field-row">
        <Choice
          field={fields.roomSize!}
          label={t("events.fields.roomSize")}
          value="2"
          options={(["2", "3"] as const).map((n) => ({
            value: n,
            label: t(`events.roomSizes.${n}`),
          }))}
        />
        <Choice
          field={fields.format!}
          label={t("events.fields.format")}
          value="online"
          options={(["online", "in-person"] as const).map((f) => ({
            value: f,
            label: t(`events.formats.${f}`),
          }))}
        />
      </div>
      <Field
        field={fields.videoUrlPattern!}
        type="url"
        label={t("events.fields.videoUrlPattern")}
        hint={t("events.fields.videoUrlHint")}
      />
      <fieldset
        className={e("invited") ? "field--invalid" : undefined}
        aria-describedby={e("invited") ? "field-invited-error" : undefined}
      >
        <legend>{t("events.fields.invited")}</legend>
        <div className="checkbox-grid">
          {participants.map((p) => (
            <div className="checkbox" key={p.id}>
              <input
                type="checkbox"
                id={`inv-${p.id}`}
                name="invited"
                value={p.id}
                defaultChecked={invited.has(p.id)}
              />
              <label htmlFor={`inv-${p.id}`}>
                {p.name}{" "}
                <span className="muted">
                  ({t(`roles.${p.role}`)}, {p.organization})
                </span>
              </label>
            </div>
          ))}
        </div>
        <FieldErrorText id="field-invited" error={e("invited")} />
      </fieldset>
    </>
  );
}
