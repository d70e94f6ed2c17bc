/**
 * The privacy page (app/routes/privacy.tsx): its version and the person in charge of personal
 * information (Quebec's private-sector privacy act, as modernized by Law 25). The page's words are
 * the `privacy.*` keys of the catalogs (core/i18n/fr.json and en.json); a consent records the
 * version it was given to (sign-up, interest form), so a change to those words is a new version:
 * tests/unit/privacy-version.test.ts fails until `PRIVACY_VERSION` and `PRIVACY_TEXT_SHA256` are
 * updated together (ADR 0036).
 */

/** The date the page's current words took effect (YYYY-MM-DD). */
export const PRIVACY_VERSION = "2026-12-06";

/** sha256 of the page's French and English words (see tests/unit/privacy-version.test.ts). */
export const PRIVACY_TEXT_SHA256 =
  "2bf847dd0fcf8b0a8d27b87d37bc13aa72f2fc9193d954e61789143f290cee72";

/** Who answers for personal information: shown on the page, set by configuration. */
export interface PrivacyOfficer {
  /** Their title (the law asks that the title be published), e.g. "Directrice générale". */
  title: string;
  /** How to reach them: an e-mail address, a telephone number or a postal address. */
  contact: string;
}

/** The demo's values (MAILLAGE_PRIVACY_OFFICER_TITLE and _CONTACT replace them). */
export const DEMO_PRIVACY_OFFICER: PrivacyOfficer = {
  title: "Coordination du programme (responsable de la protection des renseignements personnels)",
  contact: "confidentialite@exemple.org",
};
