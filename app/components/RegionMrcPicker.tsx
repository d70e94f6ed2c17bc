import { useState } from "react";
import { regions } from "../../core/data/geography";
import type { FieldError } from "../../core/schemas/forms";
import { useT } from "~/utils/i18n-react";
import { FieldErrorText } from "./Field";

/** Administrative region, then the MRC / equivalent territory of that region. */
export function RegionMrcPicker({
  defaultRegion = "",
  defaultMrc = "",
  errors,
}: {
  defaultRegion?: string;
  defaultMrc?: string;
  /** The errors next to each select. */
  errors?: { region?: FieldError | undefined; mrc?: FieldError | undefined };
}) {
  const { t } = useT();
  const [region, setRegion] = useState(defaultRegion);
  const shown = region ? regions.filter((r) => r.code === region) : regions;
  return (
    <div className="field-row">
      <div className={errors?.region ? "field field--invalid" : "field"}>
        <label htmlFor="field-region">
          {t("geo.region")}
          <span aria-hidden="true"> *</span>
        </label>
        <select
          id="field-region"
          name="region"
          required
          value={region}
          onChange={(e) => setRegion(e.target.value)}
          aria-invalid={errors?.region ? true : undefined}
          aria-describedby={errors?.region ? "field-region-error" : undefined}
        >
          <option value="">{t("geo.chooseRegion")}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.code} – {r.name}
            </option>
          ))}
        </select>
        <FieldErrorText id="field-region" error={errors?.region} />
      </div>
      <div className={errors?.mrc ? "field field--invalid" : "field"}>
        <label htmlFor="field-mrc">
          {t("geo.mrc")}
          <span aria-hidden="true"> *</span>
        </label>
        <select
          id="field-mrc"
          name="mrc"
          required
          defaultValue={defaultMrc}
          key={region}
          aria-invalid={errors?.mrc ? true : undefined}
          aria-describedby={errors?.mrc ? "field-mrc-error" : undefined}
        >
          <option value="">{t("geo.chooseMrc")}</option>
          {shown.map((r) => (
            <optgroup key={r.code} label={r.name}>
              {r.mrcs.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                  {m.type !== "MRC" ? ` (${m.type})` : ""}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <FieldErrorText id="field-mrc" error={errors?.mrc} />
      </div>
    </div>
  );
}
