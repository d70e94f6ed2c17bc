import { useT } from "~/utils/i18n-react";

/** The program's organizations as checkboxes, for declaring competitors or conflicts of interest. */
export function OrganizationChecklist({
  organizations,
  checked,
}: {
  organizations: ReadonlyArray<{ id: string; name: string }>;
  checked: readonly string[];
}) {
  const { t } = useT();
  if (organizations.length === 0) return null;
  return (
    <div className="checkbox-grid" role="group" aria-label={t("apply.sections.competitors")}>
      {organizations.map((o) => (
        <div className="checkbox" key={o.id}>
          <input
            type="checkbox"
            id={`comp-${o.id}`}
            name="competitorOrgIds"
            value={o.id}
            defaultChecked={checked.includes(o.id)}
          />
          <label htmlFor={`comp-${o.id}`}>{o.name}</label>
        </div>
      ))}
    </div>
  );
}
