/** The applicant's private page: where the application stands, by the link they received. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getApplicationByToken } from "../../core/models/application.server";
import { getProgram } from "../../core/models/program.server";
import { TOKEN_PATTERN } from "../../core/security/tokens";
import { ApplicationStatusView } from "~/components/apply/ApplicationStatusView";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "applicationStatus.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const token = z.string().regex(TOKEN_PATTERN).safeParse(params.token);
  if (!token.success) throw notFound();
  const application = await getApplicationByToken(s, token.data);
  if (!application) throw notFound();
  const program = await getProgram(s, application.programId);
  return {
    token: token.data,
    programId: application.programId,
    programTitle: program?.title ?? "",
    organization: application.organizationName,
    status: application.status,
    submittedAt: application.submittedAt ?? null,
    reason: application.decision?.reason ?? "",
    decidedAt: application.decision?.decidedAt ?? null,
    justSubmitted: new URL(request.url).searchParams.get("submitted") === "1",
  };
}

export default function ApplicationStatus() {
  const d = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <section className="narrow">
      <p className="eyebrow">{d.programTitle}</p>
      <h1>{t("applicationStatus.title")}</h1>
      {d.justSubmitted ? (
        <div className="alert alert--success" role="status">
          <p>{t("applicationStatus.thanks", { organization: d.organization })}</p>
          <p>{t("applicationStatus.keepLink")}</p>
        </div>
      ) : null}
      <ApplicationStatusView facts={d} />
      {d.status === "draft" ? (
        <p>
          <Link className="button" to={`/apply/${d.programId}?draft=${d.token}`}>
            {t("applicationStatus.continue")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
