import { regions } from "../../core/data/geography";
import { useT } from "~/utils/i18n-react";
import { ROLES } from "../../matching/roles";

/** One filter of a list page: a labelled select whose first option means "all". */
export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const { t } = useT();
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{t("applications.filters.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RoleFilter({ value }: { value: string | undefined }) {
  const { t } = useT();
  return (
    <FilterSelect
      name="role"
      label={t("applications.filters.role")}
      value={value}
      options={ROLES.map((r) => ({
        value: r,
        label: t(`roles.${r}`),
      }))}
    />
  );
}

export function RegionFilter({ value }: { value: string | undefined }) {
  const { t } = useT();
  return (
    <FilterSelect
      name="region"
      label={t("geo.region")}
      value={value}
      options={regions.map((r) => ({ value: r.code, label: r.name }))}
    />
  );
}
