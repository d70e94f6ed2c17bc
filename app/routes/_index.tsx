import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicPrograms } from "../../core/models/program.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { getUserId } from "~/utils/session.server";
import type { MessageKey } from "../../core/i18n";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  const [programs, userId] = await Promise.all([listPublicPrograms(s), getUserId(s, request)]);
  return { programs, signedIn: Boolean(userId) };
}

const steps: Array<{ title: MessageKey; text: MessageKey }> = [
  { title: "home.steps.profile.title", text: "home.steps.profile.text" },
  { title: "home.steps.speedDating.title", text: "home.steps.speedDating.text" },
  { title: "home.steps.groups.title", text: "home.steps.groups.text" },
  { title: "home.steps.codev.title", text: "home.steps.codev.text" },
  { title: "home.steps.outcomes.title", text: "home.steps.outcomes.text" },
];

export default function Home() {
  const { programs, signedIn } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  // A closed program (the pilot cohort) is not "in progress": it is listed apart, below.
  const current = programs.filter((p) => p.status !== "closed");
  const finished = programs.filter((p) => p.status === "closed");
  const card = (p: (typeof programs)[number]) => (
    <li key={p.id} className="card">
      <h3>{p.title}</h3>
      <p>
        <strong>
          {t("program.theme")}
          {t("common.colon")}
        </strong>{" "}
        {p.theme}
      </p>
      {p.subThemes.length ? (
        <p>
          <strong>
            {t("program.subThemes")}
            {t("common.colon")}
          </strong>{" "}
          {p.subThemes.join(" · ")}
        </p>
      ) : null}
      <p>{p.description}</p>
      <dl className="facts">
        <div>
          <dt>{t("program.period")}</dt>
          <dd>
            {t("program.fromTo", {
              from: date(p.mentoringStart),
              to: date(p.mentoringEnd),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("program.hourBank")}</dt>
          <dd>{t("program.hours", { hours: p.hourBankHours })}</dd>
        </div>
        <div>
          <dt>{t("program.composition")}</dt>
          <dd>{t(`program.compositions.${p.composition}`)}</dd>
        </div>
        <div>
          <dt>{t("program.regionRule")}</dt>
          <dd>{t(`program.regionRules.${p.regionRule}`)}</dd>
        </div>
      </dl>
      {p.applicationsOpen ? (
        <p>
          <Link className="button" to={`/apply/${p.id}`}>
            {t("program.applyCta")}
          </Link>
        </p>
      ) : null}
    </li>
  );
  return (
    <>
      <section className="hero">
        <h1>{t("home.heading")}</h1>
        <p className="lead">{t("home.intro")}</p>
        <p className="actions">
          {signedIn ? (
            <Link className="button" to="/dashboard">
              {t("home.goToDashboard")}
            </Link>
          ) : (
            <>
              <Link className="button" to="/login">
                {t("nav.signIn")}
              </Link>
              <Link className="button button--secondary" to="/signup">
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="how">
        <h2 id="how">{t("home.howTitle")}</h2>
        <ol className="steps">
          {steps.map((step) => (
            <li key={step.title}>
              <h3>{t(step.title)}</h3>
              <p>{t(step.text)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="rules" className="two-columns">
        <div>
          <h2 id="rules">{t("home.rulesTitle")}</h2>
          <ul>
            <li>{t("home.rules.threes")}</li>
            <li>{t("home.rules.regions")}</li>
            <li>{t("home.rules.hours")}</li>
            <li>{t("home.rules.designated")}</li>
          </ul>
        </div>
        <div>
          <h2>{t("home.confidentialityTitle")}</h2>
          <p>{t("home.confidentiality")}</p>
        </div>
      </section>

      {current.length > 0 ? (
        <section aria-labelledby="programs">
          <h2 id="programs">{t("home.programsTitle")}</h2>
          <ul className="cards">{current.map(card)}</ul>
        </section>
      ) : null}
      {finished.length > 0 ? (
        <section aria-labelledby="programs-closed">
          <h2 id="programs-closed">{t("home.closedProgramsTitle")}</h2>
          <ul className="cards">{finished.map(card)}</ul>
        </section>
      ) : null}
    </>
  );
}
