import { useEffect, useState } from "react";
import { useT } from "~/utils/i18n-react";

/** Up to this many organizations, all are listed; beyond, they are found by name. */
export const ORGANIZATIONS_LISTED = 40;
/** Search results shown at once (the others by a more precise search). */
const RESULTS_SHOWN = 30;

interface Organization {
  id: string;
  name: string;
  region: string;
}

/** Lower case, without accents: "Québec" is found by "quebec". */
const folded = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/**
 * The program's organizations as checkboxes, for declaring competitors or conflicts of interest.
 * A small program lists them all. A large one (hundreds of organizations) lists the ones already
 * declared and those of the person's region; once the page's scripts run, a search field finds
 * the others by name (the list comes with the page, so searching asks nothing of the server).
 */
interface ChecklistProps {
  organizations: readonly Organization[];
  checked: readonly string[];
  /** The person's region: its organizations are listed without a search. */
  region?: string;
}

export function OrganizationChecklist({ organizations, checked, region }: ChecklistProps) {
  const { t } = useT();
  if (organizations.length === 0) return null;
  if (organizations.length <= ORGANIZATIONS_LISTED) {
    return (
      <div className="checkbox-grid" role="group" aria-label={t("apply.sections.competitors")}>
        {organizations.map((o) => (
          <OrganizationBox key={o.id} organization={o} defaultChecked={checked.includes(o.id)} />
        ))}
      </div>
    );
  }
  return <OrganizationSearch organizations={organizations} checked={checked} region={region} />;
}

function OrganizationBox({
  organization,
  ...state
}: {
  organization: Organization;
  defaultChecked?: boolean;
  checked?: boolean;
  onChange?: () => void;
}) {
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={`comp-${organization.id}`}
        name="competitorOrgIds"
        value={organization.id}
        {...state}
      />
      <label htmlFor={`comp-${organization.id}`}>{organization.name}</label>
    </div>
  );
}

function OrganizationSearch({ organizations, checked, region }: ChecklistProps) {
  const { t } = useT();
  // What is checked, starting from the saved or submitted values. The organizations declared
  // before stay listed first (checked or not); one checked during the visit stays where it was
  // found, and joins the first list once a new search no longer shows it (so that a checkbox
  // never moves under the keyboard's focus).
  const [selected, setSelected] = useState(() => new Set(checked));
  const [added, setAdded] = useState<readonly string[]>([]);
  const [query, setQuery] = useState("");
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);

  const byId = new Map(organizations.map((o) => [o.id, o]));
  const initial = new Set(checked);
  const wanted = folded(query.trim());
  const candidates = organizations.filter(
    (o) =>
      !initial.has(o.id) &&
      (wanted ? folded(o.name).includes(wanted) : Boolean(region) && o.region === region),
  );
  const shown = candidates.slice(0, RESULTS_SHOWN);
  const shownIds = new Set(shown.map((o) => o.id));
  const listed = [...checked, ...added.filter((id) => !shownIds.has(id) && !initial.has(id))];
  const toggle = (id: string) => {
    if (!initial.has(id) && !added.includes(id)) setAdded([...added, id]);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const box = (o: Organization) => (
    <OrganizationBox
      key={o.id}
      organization={o}
      checked={selected.has(o.id)}
      onChange={() => toggle(o.id)}
    />
  );

  return (
    <div className="organization-search">
      {listed.length > 0 ? (
        <div className="checkbox-grid" role="group" aria-label={t("competitors.declared")}>
          {listed.map((id) => byId.get(id)).flatMap((o) => (o ? [box(o)] : []))}
        </div>
      ) : null}
      {scripted ? (
        <div className="field">
          <label htmlFor="competitor-search">{t("competitors.search")}</label>
          <input
            id="competitor-search"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            aria-describedby="competitor-search-status"
            autoComplete="off"
          />
        </div>
      ) : (
        <p className="field-hint">{t("competitors.withoutScripts")}</p>
      )}
      <p id="competitor-search-status" className="muted small" role="status">
        {wanted
          ? t("competitors.found", { count: candidates.length })
          : shown.length > 0
            ? t("competitors.inRegion")
            : ""}
        {candidates.length > shown.length
          ? ` ${t("competitors.more", { count: candidates.length - shown.length })}`
          : ""}
      </p>
      {shown.length > 0 ? (
        <div
          className="checkbox-grid"
          role="group"
          aria-label={wanted ? t("competitors.results") : t("competitors.inRegion")}
        >
          {shown.map(box)}
        </div>
      ) : null}
    </div>
  );
}
