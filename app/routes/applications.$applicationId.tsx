/**
 * A signed-in applicant's own application: where it stands, as on the private link's page. Found
 * by the account's confirmed e-mail address (the address the private link was sent to); anyone
 * else gets a 404, as for an application that does not exist.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ownApplication } from "../../core/models/application.server";
import { getProgram } from "../../core/models/program.server";
import { idSchema } from "../../core/schemas/fields";
import { ApplicationStatusView } from "~/components/apply/ApplicationStatusView";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireUser } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "applicationStatus.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const user = await requireUser(s, request);
  const id = idSchema.safeParse(params.applicationId);
  const application = id.success ? await ownApplication(s, user.email, id.data) : undefined;
  if (!application) throw notFound();
  const program = await getProgram(s, application.programId);
  return {
    programTitle: program?.title ?? "",
    organization: application.organizationName,
    status: application.status,
    submittedAt: application.submittedAt ?? null,
    reason: application.decision?.reason ?? "",
  };
}

export default function OwnApplication() {
  const d = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <section className="narrow">
      <p>
        <Link to="/dashboard">← {t("dashboard.title")}</Link>
      </p>
      <p className="eyebrow">{d.programTitle}</p>
      <h1>{t("applicationStatus.title")}</h1>
      <ApplicationStatusView facts={d} />
    </section>
  );
}
