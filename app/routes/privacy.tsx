import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DEMO_PRIVACY_OFFICER, PRIVACY_VERSION } from "../../core/data/privacy";
import type { MessageKey } from "../../core/i18n";
import { LinkedText } from "~/components/LinkedText";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "privacy.title");

/** The privacy page, for everyone: its version and the person in charge set by configuration. */
export function loader({ context }: LoaderFunctionArgs) {
  const officer = context.services.config.privacyOfficer ?? DEMO_PRIVACY_OFFICER;
  return { version: PRIVACY_VERSION, officer };
}

/** The page's sections and their paragraphs, in order (the words are the `privacy.*` keys). */
const SECTIONS = [
  { id: "collected", items: ["account", "application", "profile", "activity", "technical"] },
  { id: "why", items: ["text"] },
  {
    id: "whoSees",
    items: ["coordination", "directory", "groups", "ratings", "report", "providers"],
  },
  { id: "retention", items: ["text"] },
  { id: "rights", items: ["access", "download", "delete", "withdraw", "complaint"] },
  { id: "consent", items: ["text"] },
] as const;

const isEmail = (contact: string) => /^[^\s@]+@[^\s@]+$/.test(contact);

export default function Privacy() {
  const { version, officer } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <article className="narrow prose">
      <h1>{t("privacy.title")}</h1>
      <p className="muted">
        {t("privacy.version", { version: date(`${version}T12:00:00Z`, { dateStyle: "long" }) })}
      </p>
      <p className="lead">{t("privacy.intro")}</p>
      {SECTIONS.map((section) => (
        <section key={section.id} aria-labelledby={`privacy-${section.id}`}>
          <h2 id={`privacy-${section.id}`}>{t(`privacy.${section.id}.heading` as MessageKey)}</h2>
          {section.items.length > 1 ? (
            <ul>
              {section.items.map((item) => (
                <li key={item}>
                  <LinkedText
                    text={t(`privacy.${section.id}.${item}` as MessageKey)}
                    links={{ account: "/account" }}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p>{t(`privacy.${section.id}.text` as MessageKey)}</p>
          )}
        </section>
      ))}
      <section aria-labelledby="privacy-officer">
        <h2 id="privacy-officer">{t("privacy.officer.heading")}</h2>
        <p>{t("privacy.officer.text", { title: officer.title })}</p>
        <p>
          {t("privacy.officer.contact")}{" "}
          {isEmail(officer.contact) ? (
            <a href={`mailto:${officer.contact}`}>{officer.contact}</a>
          ) : (
            officer.contact
          )}
        </p>
      </section>
    </article>
  );
}
