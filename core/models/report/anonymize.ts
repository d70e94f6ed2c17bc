/**
 * The report's confidentiality guarantee: no organization or person of the program is identifiable
 * in the report, its page or its CSV files. It is kept in four places:
 *
 * - who must not be named: `programNames()` (every person with an account on the platform, in this
 *   program or not, the program's organizations and the competitors those declared, and its
 *   applicants);
 * - what is removed from every free text the report shows (tool titles and descriptions, quotes,
 *   recommendations, group labels, questionnaire titles…): `redactor()` first drops the invisible
 *   characters that could split a name ("Pel\u200Bletier": Unicode's default-ignorable code points,
 *   zero-width spaces, soft hyphens, joiners, variation selectors…), then replaces those names,
 *   their parts, any e-mail address and any North American phone number with `REDACTED`;
 * - small counts: an answer breakdown or an average of fewer than `MIN_RESPONDENTS` people is not
 *   given (applied by `aggregate.ts`);
 * - groups are named by a label or a number, their regions counted, never named (`aggregate.ts`).
 *
 * Quotes and recommendations come only from answers whose author consented (`texts.ts`).
 *
 * To hide more: a kind of text hidden wherever it appears (an address…) is one more of `PATTERNS`;
 * characters that must not keep a name from being found are folded away in `fold.ts`; more people
 * or organizations to hide come through `programNames()`. Tests: tests/unit/anonymize.test.ts.
 */
import { fold, foldText } from "./fold";

/** What replaces a name or an address in a text. */
export const REDACTED = "[…]";

/** Fewer answers than this are counted, never broken down or averaged. */
export const MIN_RESPONDENTS = 3;

export interface RedactionNames {
  organizations: readonly string[];
  /** Full names ("Louise Bérubé"): the full name, each part and the last name are hidden. */
  people: readonly string[];
  emails: readonly string[];
}

// ─── Who ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Everyone a program's report must not name: every account of the platform (a person of another
 * program, or of none, may be named in a text as well), the program's organizations and the
 * organizations they declared as competitors, and its applicants.
 */
export function programNames(data: {
  participants: ReadonlyArray<{ userId: string; organizationId: string }>;
  users: ReadonlyArray<{ id: string; name: string; email: string }>;
  organizations: ReadonlyArray<{ id: string; name: string; competitorIds: readonly string[] }>;
  applications: ReadonlyArray<{
    organizationName: string;
    contactName: string;
    email: string;
    contactEmail: string;
  }>;
}): RedactionNames {
  const people = data.users;
  const orgIds = new Set(data.participants.map((p) => p.organizationId));
  for (const org of data.organizations) {
    if (orgIds.has(org.id)) for (const c of org.competitorIds) orgIds.add(c);
  }
  const orgs = data.organizations.filter((o) => orgIds.has(o.id));
  return {
    organizations: [
      ...orgs.map((o) => o.name),
      ...data.applications.map((a) => a.organizationName),
    ],
    people: [...people.map((u) => u.name), ...data.applications.map((a) => a.contactName)],
    emails: [
      ...people.map((u) => u.email),
      ...data.applications.flatMap((a) => [a.email, a.contactEmail]),
    ].filter(Boolean),
  };
}

// ─── What: the terms hidden for these names ─────────────────────────────────────────────────────

/** Name particles that are never hidden on their own ("de", "la"…): they are ordinary words. */
const PARTICLES = new Set([
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "d",
  "l",
  "van",
  "von",
  "der",
  "den",
  "da",
  "di",
  "del",
  "della",
  "dos",
  "y",
  "e",
  "et",
  "st",
  "ste",
  "mc",
  "mac",
  "bin",
  "ben",
  "al",
  "el",
]);

const lettersOf = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, "");

/**
 * The words of a person's name that are hidden, folded: the full name, first and last names, each
 * part. Parts are cut on any hyphen and elided article that folding makes one ("Jean–François",
 * "DʼAmours").
 */
export function nameParts(fullName: string): string[] {
  const name = foldText(fullName).trim().replace(/\s+/g, " ");
  if (!name) return [];
  const tokens = name.split(" ");
  const out = new Set<string>([name]);
  if (tokens.length > 1) out.add(tokens.slice(1).join(" "));
  for (const token of tokens) {
    out.add(token);
    for (const part of token.split("-")) {
      out.add(part);
      // d'amours → amours
      const elided = /^[dl]'(.+)$/.exec(part);
      if (elided?.[1]) out.add(elided[1]);
    }
  }
  return [...out].filter((part) => {
    const letters = lettersOf(part);
    return letters.length >= 2 && !PARTICLES.has(letters);
  });
}

/**
 * An organization's name, and without its article ("au Grenier partagé" for "Le Grenier partagé"),
 * folded.
 */
function organizationTerms(organization: string): string[] {
  const name = foldText(organization).trim();
  if (!name) return [];
  const bare = /^(?:(?:le|la|les|the)\s+|l')(.+)$/.exec(name)?.[1];
  return bare && lettersOf(bare).length >= 4 ? [name, bare] : [name];
}

/** Everything hidden for these names, folded, longest first (so that the longest name wins). */
function termsOf(names: RedactionNames): string[] {
  const terms = new Set<string>();
  for (const org of names.organizations) for (const term of organizationTerms(org)) terms.add(term);
  for (const person of names.people) for (const part of nameParts(person)) terms.add(part);
  for (const email of names.emails) if (email.trim()) terms.add(foldText(email.trim()));
  return [...terms].filter((t) => lettersOf(t).length >= 2).sort((a, b) => b.length - a.length);
}

/**
 * Hidden in every text, whoever they belong to: e-mail addresses (their local part may hold an
 * apostrophe, "jean.o'neil@…", straight or curly as a text may have it) and North American phone
 * numbers ("514-555-1234", "(514) 555-1234", "514.555.1234", "+1 514 555 1234", "1-800-555-1234",
 * with an extension: "poste 22", "ext. 22", "x22", "#22"). Each pattern is global; what it matches
 * is replaced before the names are looked for.
 */
const PATTERNS: readonly RegExp[] = [
  /[\p{L}\p{N}._%+'’-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  /(?<![\p{L}\p{N}+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?:\s*,?\s*(?:poste|ext\.?|extension|x|#)\s*\d{1,6})?(?![\p{L}\p{N}])/giu,
];

/** Invisible characters that may sit inside a word without showing (Unicode's own list). */
export const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

// ─── How ────────────────────────────────────────────────────────────────────────────────────────

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A function that hides the given organizations, people and emails in a text: whole words only,
 * whatever the case or accents ("chloe" hides "Chloé"), longest names first, and any email address.
 */
export function redactor(names: RedactionNames): (text: string) => string {
  const findNames = nameFinder(termsOf(names));
  return (text: string) => {
    if (!text) return text;
    let out = text.replace(DEFAULT_IGNORABLE, "");
    for (const pattern of PATTERNS) out = out.replace(pattern, REDACTED);
    return findNames ? replaceNames(out, findNames) : out;
  };
}

/** Each name found in `text` replaced by `REDACTED`, the rest of the text as it is. */
function replaceNames(text: string, findNames: (folded: string) => RegExp | null): string {
  const { folded, origin } = fold(text);
  const names$ = findNames(folded);
  if (!names$) return text;
  let out = "";
  let last = 0;
  for (const match of folded.matchAll(names$)) {
    const start = origin[match.index] ?? text.length;
    const endFolded = match.index + match[0].length;
    const end = endFolded < origin.length ? origin[endFolded]! : text.length;
    if (start < last) continue;
    out += text.slice(last, start) + REDACTED;
    last = end;
  }
  return out + text.slice(last);
}

/**
 * For a folded text, the expression of the terms that may occur in it as whole words (null when
 * none can). One regular expression of thousands of names is slow to run on every text: only the
 * names whose first word is a word of the text can match there (a match starts and ends on a word
 * boundary, so the name's first run of letters and digits is a whole word of the text). The
 * expression is built from those, in the same order, so the same name wins.
 */
function nameFinder(terms: readonly string[]): ((folded: string) => RegExp | null) | null {
  if (!terms.length) return null;
  const patterns = terms.map((t) =>
    t
      .split(/[\s-]+/)
      .filter(Boolean)
      .map(escapeRegExp)
      .join("[\\s-]+"),
  );
  const byFirstWord = new Map<string, number[]>();
  terms.forEach((term, index) => {
    const word = /[\p{L}\p{N}]+/u.exec(term)?.[0];
    if (!word) return;
    const list = byFirstWord.get(word);
    if (list) list.push(index);
    else byFirstWord.set(word, [index]);
  });
  const expressions = new Map<string, RegExp>();
  const expressionFor = (indices: number[]) => {
    const key = indices.join(",");
    let expression = expressions.get(key);
    if (!expression) {
      const alternatives = indices.map((i) => patterns[i]!).join("|");
      expression = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "gu");
      if (expressions.size > 1000) expressions.clear();
      expressions.set(key, expression);
    }
    return expression;
  };
  return (folded: string) => {
    const candidates = new Set<number>();
    for (const word of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
      for (const index of byFirstWord.get(word[0]) ?? []) candidates.add(index);
    }
    return candidates.size ? expressionFor([...candidates].sort((a, b) => a - b)) : null;
  };
}
