/**
 * A translated sentence with links in it: the catalogs mark a link's words with a tag named after
 * it (`la <privacy>politique de confidentialité</privacy>`), and `links` gives each tag its
 * address. The catalogs hold no other markup (core/i18n ignores tags), so the words are text:
 * nothing in them becomes HTML.
 */
import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useT } from "~/utils/i18n-react";

const TAGGED = /<(\w+)>(.*?)<\/\1>/g;

export function LinkedText({
  text,
  links,
  newTab = false,
}: {
  text: string;
  links: Record<string, string>;
  /** Opens the links in a new tab (from a form being filled in, so that nothing typed is lost). */
  newTab?: boolean;
}) {
  const { t } = useT();
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TAGGED)) {
    const [whole, tag = "", words] = match;
    parts.push(text.slice(last, match.index));
    const to = links[tag];
    parts.push(
      to === undefined ? (
        <Fragment key={match.index}>{words}</Fragment>
      ) : newTab ? (
        <a key={match.index} href={to} target="_blank" rel="noopener">
          {words}
          <span className="visually-hidden"> ({t("common.newTab")})</span>
        </a>
      ) : (
        <Link key={match.index} to={to}>
          {words}
        </Link>
      ),
    );
    last = match.index + whole.length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}
