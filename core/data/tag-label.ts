/**
 * A subject of a program's taxonomy (a need, an expertise, the theme of a tool or a meeting) in
 * the reader's language: in English its English label when the coordinators gave one, otherwise
 * (and in French) its label. Every page, reason and export that names a subject goes through here;
 * the stored data keeps the ids (and, where a sentence was stored, the French label).
 */
import type { Locale } from "../i18n";

/** A subject as the program stores it (core/store/records/people.ts `tagSchema`). */
export interface TagOption {
  id: string;
  label: string;
  labelEn?: string;
}

/** A subject in the reader's language; `fallback` for a subject no longer in the taxonomy. */
export function tagLabel(tag: TagOption | undefined, locale: Locale, fallback = ""): string {
  if (!tag) return fallback;
  return locale === "en" && tag.labelEn ? tag.labelEn : tag.label;
}

/** The taxonomy's subjects by id, in the reader's language; an unknown id reads as itself. */
export function tagNamer(taxonomy: readonly TagOption[], locale: Locale) {
  const byId = new Map(taxonomy.map((t) => [t.id, t]));
  return (id: string) => tagLabel(byId.get(id), locale, id);
}

/**
 * For a subject stored by its French label (the matching engine names subjects so, and its
 * reasons keep them): the same subject in the reader's language. A label the taxonomy no longer
 * has (renamed or removed since) reads as it was stored.
 */
export function storedSubjectNamer(taxonomy: readonly TagOption[], locale: Locale) {
  const byLabel = new Map(taxonomy.map((t) => [t.label, t]));
  return (stored: string) => tagLabel(byLabel.get(stored), locale, stored);
}

/**
 * The taxonomy's subjects by id with both labels, for a page that names them in its reader's
 * language (`tagLabel`); an unknown id reads as itself.
 */
export function tagFinder(taxonomy: readonly TagOption[]) {
  const byId = new Map(taxonomy.map((t) => [t.id, t]));
  return (id: string): TagOption => {
    const tag = byId.get(id);
    return tag ? { id, label: tag.label, labelEn: tag.labelEn ?? "" } : { id, label: id, labelEn: "" };
  };
}

/** The fields of a subject a page needs to name it in either language (what loaders send). */
export function tagOptions(taxonomy: readonly TagOption[]): TagOption[] {
  return taxonomy.map((t) => ({ id: t.id, label: t.label, labelEn: t.labelEn ?? "" }));
}
