/**
 * The free texts the report shows, each through the redactor: the tools by theme, and the
 * recommendations and quotes of the answers whose author consented (`quoteConsent`), in
 * alphabetical order (not by person).
 */
import { answerKind } from "./aggregate";
import { tagLabel } from "../../data/tag-label";
import type { Report, ReportInput, ToolTheme } from "./types";

type Redact = (text: string) => string;

/** French order (one collator: `localeCompare` with a locale builds one per call). */
const byText = new Intl.Collator("fr").compare;

/** Tools by theme, in the taxonomy's order; tools without a (known) theme last. */
export function toolThemes(input: ReportInput, redact: Redact): Report["tools"] {
  const taxonomy = input.program.taxonomy;
  const tagIndex = new Map(taxonomy.map((t, i) => [t.id, i]));
  const themes = new Map<string, ToolTheme>();
  for (const tool of input.tools) {
    const tag = taxonomy.find((t) => t.id === tool.theme);
    const entry = themes.get(tool.theme) ?? {
      theme: tool.theme,
      label: tag ? tagLabel(tag, "fr") : redact(tool.theme),
      labelEn: tag ? tagLabel(tag, "en") : redact(tool.theme),
      tools: [],
      count: 0,
      programWide: 0,
    };
    entry.tools.push({
      title: redact(tool.title),
      description: redact(tool.description),
      programWide: tool.programWide,
    });
    entry.count += 1;
    if (tool.programWide) entry.programWide += 1;
    themes.set(tool.theme, entry);
  }
  const rank = (theme: string) =>
    theme === "" ? Number.MAX_SAFE_INTEGER : (tagIndex.get(theme) ?? Number.MAX_SAFE_INTEGER - 1);
  return {
    themes: [...themes.values()]
      .map((t) => ({ ...t, tools: t.tools.sort((a, b) => byText(a.title, b.title)) }))
      .sort((a, b) => rank(a.theme) - rank(b.theme) || byText(a.label, b.label)),
    total: input.tools.length,
    programWide: input.tools.filter((t) => t.programWide).length,
  };
}

/** The consenting answers' recommendations and quotes (learning: final; success: monthly). */
export function consentedTexts(
  input: ReportInput,
  redact: Redact,
): Pick<Report, "recommendations" | "quotes"> {
  const kindOf = answerKind(input);
  const consenting = input.responses.filter((r) => r.quoteConsent);
  const recommendations = consenting
    .map((r) => r.recommendations.trim())
    .filter(Boolean)
    .map(redact)
    .sort(byText);
  const quotes = [
    ...consenting
      .filter((r) => kindOf(r) === "final" && r.learning.trim())
      .map((r) => ({ source: "learning" as const, text: redact(r.learning.trim()) })),
    ...consenting
      .filter((r) => kindOf(r) === "monthly" && r.successFactors.trim())
      .map((r) => ({ source: "successFactors" as const, text: redact(r.successFactors.trim()) })),
  ].sort((a, b) => a.source.localeCompare(b.source) || byText(a.text, b.text));
  return { recommendations, quotes };
}
