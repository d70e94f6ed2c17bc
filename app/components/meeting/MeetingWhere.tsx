/**
 * Where and how a meeting happens (its format and place, ADR 0027), and the gentle note when it is
 * further from the previous one than the program's cadence; the fields that set them.
 */
import { Choice } from "~/components/Choice";
import { Field, type AppField } from "~/components/Field";
import { MEETING_FORMATS, placeUrl, type MeetingFormat } from "../../../core/utils/place";
import { useT } from "~/utils/i18n-react";

/** The format and the place; a link is a link (http(s) only), an address is text. */
export function MeetingWhere({ format, place }: { format: MeetingFormat | null; place: string }) {
  const { t } = useT();
  if (!format && !place) return null;
  const url = placeUrl(place);
  return (
    <p className="meeting-where">
      {format ? t(`meetingWhere.formats.${format}`) : null}
      {format && place ? " · " : null}
      {place ? (
        <>
          {t("meetingWhere.place")}
          {t("common.colon")}{" "}
          {url ? (
            <a href={url} rel="noopener noreferrer" target="_blank">
              {place}
            </a>
          ) : (
            place
          )}
        </>
      ) : null}
    </p>
  );
}

/** A meeting nearer to or further from the previous one than the cadence: said, not refused. */
export function SpacingNote({
  spacing,
  cadence,
}: {
  spacing: { kind: "too-close" | "too-far"; days: number } | null;
  cadence: { min: number; max: number };
}) {
  const { t } = useT();
  if (!spacing) return null;
  return (
    <p className="alert alert--warning">
      {t(spacing.kind === "too-close" ? "meetingRhythm.tooClose" : "meetingRhythm.tooFar", {
        days: spacing.days,
        min: cadence.min,
        max: cadence.max,
      })}
    </p>
  );
}

export function FormatChoice({
  field,
  value,
  idPrefix,
}: {
  field: AppField;
  value: string;
  idPrefix?: string;
}) {
  const { t } = useT();
  return (
    <Choice
      idPrefix={idPrefix}
      field={field}
      label={t("meetingWhere.format")}
      value={value}
      options={[
        { value: "", label: t("meetingWhere.formatUnsaid") },
        ...MEETING_FORMATS.map((f) => ({ value: f, label: t(`meetingWhere.formats.${f}`) })),
      ]}
    />
  );
}

export function PlaceField({ field, idPrefix }: { field: AppField; idPrefix?: string }) {
  const { t } = useT();
  return (
    <Field
      idPrefix={idPrefix}
      field={field}
      maxLength={500}
      label={t("meetingWhere.place")}
      hint={t("meetingWhere.placeHint")}
    />
  );
}
