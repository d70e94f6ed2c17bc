import type { MetaDescriptor } from "@remix-run/node";
import { translate, type Locale, type MessageKey } from "../../core/i18n";

type Matches = ReadonlyArray<{ id: string; data: unknown } | undefined>;

export function localeOf(matches: Matches): Locale {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: Locale } | undefined;
  return root?.locale ?? "fr";
}

/** `<title>` for a page, in the page's language. */
export function titleMeta(matches: Matches, key: MessageKey, suffix?: string): MetaDescriptor[] {
  const title = suffix
    ? `${translate(localeOf(matches), key)} – ${suffix}`
    : translate(localeOf(matches), key);
  return [{ title: `${title} – Maillage` }];
}
