import { LeaveGuard } from "~/components/FormDraft";
import { randomUUID } from "node:crypto";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useParams,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Form } from "~/components/AppForm";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ReactNode } from "react";
import stylesHref from "~/styles/app.css?url";
import { listProgramsForUser } from "../core/models/program.server";
import { listNotifications } from "../core/models/notification.server";
import { getLocale } from "~/utils/locale.server";
import { getOptionalUser } from "~/utils/session.server";
import { useReloadOnLanguageChange, useT } from "~/utils/i18n-react";
import { catalogHref } from "~/utils/catalogs";
import { useNonce } from "~/utils/nonce";
import { useAppLinkNavigation } from "~/components/AppLink";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  const locale = getLocale(request);
  const user = await getOptionalUser(s, request);
  const [programs, notices] = user
    ? await Promise.all([listProgramsForUser(s, user.id), listNotifications(s, user.id)])
    : [[], []];
  return {
    locale,
    unread: notices.filter((n) => !n.readAt).length,
    user: user ? { id: user.id, name: user.name, email: user.email, role: user.role } : null,
    programs: programs.map((p) => ({ id: p.id, title: p.title, asCoordinator: p.asCoordinator })),
    /** New at every load: the forms' one-time submission keys start with it (AppForm.tsx). */
    submissionSeed: randomUUID(),
  };
}
export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

function ProgramSwitcher({ programs }: { programs: RootLoaderData["programs"] }) {
  const { t } = useT();
  const params = useParams();
  if (programs.length === 0) return null;
  const current = programs.find((p) => p.id === params.programId);
  return (
    <details className="menu">
      <summary>
        <span className="visually-hidden">
          {t("nav.programSwitcher")}
          {t("common.colon")}{" "}
        </span>
        {current ? current.title : t("nav.myPrograms")}
      </summary>
      <ul className="menu-list">
        {programs.map((p) => (
          <li key={p.id}>
            <Link to={`/programs/${p.id}`} aria-current={p.id === current?.id ? "page" : undefined}>
              {p.title}
              {p.asCoordinator ? <span className="badge">{t("roles.coordinator")}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}

function LanguageSwitch() {
  const { t, locale } = useT();
  const location = useLocation();
  const other = locale === "fr" ? "en" : "fr";
  return (
    <Form method="post" action="/lang" className="lang-switch" reloadDocument>
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="link-button" lang={other}>
        {t("nav.switchLanguage")}
      </button>
    </Form>
  );
}

function AccountMenu({ user }: { user: NonNullable<RootLoaderData["user"]> }) {
  const { t } = useT();
  return (
    <details className="menu menu--right">
      <summary>
        <span className="visually-hidden">
          {t("nav.account")}
          {t("common.colon")}{" "}
        </span>
        {user.name}
      </summary>
      <div className="menu-list">
        <p className="menu-meta">
          {user.email}
          <br />
          {t(user.role === "coordinator" ? "roles.coordinator" : "roles.participant")}
        </p>
        <Link to="/dashboard">{t("nav.dashboard")}</Link>
        <Link to="/account">{t("nav.accountSettings")}</Link>
        <Link to="/account/data.tar.gz" reloadDocument>
          {t("accountData.menu")}
        </Link>
        <Link to="/account/delete">{t("accountDelete.menu")}</Link>
        <Form method="post" action="/logout">
          <button type="submit" className="link-button">
            {t("nav.signOut")}
          </button>
        </Form>
      </div>
    </details>
  );
}

function Header() {
  const data = useRouteLoaderData<RootLoaderData>("root");
  const { t } = useT();
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to={data?.user ? "/dashboard" : "/"} className="brand">
          <span aria-hidden="true" className="brand-mark">
            ◆
          </span>{" "}
          Maillage
        </Link>
        <nav aria-label={t("nav.main")} className="header-nav">
          {data?.user ? <ProgramSwitcher programs={data.programs} /> : null}
          <LanguageSwitch />
          {data?.user ? (
            <Link to="/notifications" className="notice-link">
              {t("nav.notifications")}
              {data.unread > 0 ? (
                <span className="badge badge--count">
                  {data.unread}
                  <span className="visually-hidden">
                    {" "}
                    {t("nav.unread", { count: data.unread })}
                  </span>
                </span>
              ) : null}
            </Link>
          ) : null}
          {data?.user ? (
            <AccountMenu user={data.user} />
          ) : (
            <>
              <Link to="/login">{t("nav.signIn")}</Link>
              <Link to="/signup" className="button button--small">
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, locale } = useT();
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <link rel="preload" href={catalogHref[locale]} as="fetch" crossOrigin="anonymous" />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("nav.skipToContent")}
        </a>
        <Header />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>{t("footer.text")}</p>
            <nav aria-label={t("footer.privacyNav")}>
              <Link to="/privacy">{t("footer.privacy")}</Link>
            </nav>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useAppLinkNavigation();
  useReloadOnLanguageChange();
  return (
    <>
      <Outlet />
      <LeaveGuard />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 404
      ? "errors.page.notFound"
      : status === 403
        ? "errors.page.forbidden"
        : status === 429
          ? "errors.page.tooMany"
          : status === 413
            ? "hostile.bodyTooLarge"
            : status === 503
              ? "storage.diskFull"
              : "errors.page.unexpected";
  return (
    <section className="error-page">
      <title>{`${t("errors.page.title")} – Maillage`}</title>
      <h1>{t("errors.page.title")}</h1>
      <p>{t(key)}</p>
      <p>
        <Link to="/">{t("errors.page.home")}</Link>
      </p>
    </section>
  );
}
