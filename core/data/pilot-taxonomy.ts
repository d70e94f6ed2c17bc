/**
 * The subjects of the 2022–23 pilot, seeding every new program's taxonomy of needs and expertise.
 * Their names are catalog texts (`taxonomy.pilot.<id>` in core/i18n), copied into each program as
 * its own `label` / `labelEn`, which the coordinators then rename, add to or remove (data).
 */
import { translate } from "../i18n";

const PILOT_SUBJECTS = [
  "transport",
  "tri-denrees",
  "entreposage",
  "chaine-froid",
  "vehicules",
  "mutualisation",
  "donnees",
  "ges",
  "tarification",
  "risques",
  "gouvernance",
  "partenaires",
  "financement",
  "retention",
  "plan-action",
  "evenements",
  "commercialisation",
  "communication",
] as const;

export const PILOT_TAXONOMY = PILOT_SUBJECTS.map((id) => ({
  id,
  label: translate("fr", `taxonomy.pilot.${id}`),
  labelEn: translate("en", `taxonomy.pilot.${id}`),
}));
