import { formatList, type MessageKey } from "../../core/i18n";
import { useT } from "~/utils/i18n-react";

export interface ViolationView {
  code: string;
  names: string[];
}

const KNOWN = new Set([
  "size",
  "not-participant",
  "same-person",
  "same-region",
  "same-mrc",
  "different-region",
  "same-organization",
  "competitors",
  "forbidden",
  "pin-broken",
  "roles-mentorship",
  "roles-codev",
  "capacity-exceeded",
  "placed-twice",
  "pending-proposal",
  "two-mentors",
  "proposal-formed",
  "proposal-declined",
  "proposal-expired",
  "proposal-withdrawn",
  "proposal-rejected",
  "proposal-awaiting-approval",
  "already-formed",
  "not-in-group",
]);

/** Why a group is refused, in the user's language, one line per broken rule. */
export function Violations({ violations }: { violations: ViolationView[] }) {
  const { t, locale } = useT();
  if (violations.length === 0) return null;
  // A rule two groups break the same way (a swap) reads once.
  const lines = [
    ...new Set(
      violations.map((v) =>
        t(
          (KNOWN.has(v.code)
            ? `groups.violations.${v.code}`
            : "groups.violations.other") as MessageKey,
          { names: formatList(locale, v.names) },
        ),
      ),
    ),
  ];
  return (
    <div className="alert alert--error" role="alert">
      <p>{t("groups.refused")}</p>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
