import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ProgramForm, type ProgramFormValues } from "~/components/ProgramForm";
import { createProgram } from "../../core/models/program.server";
import { programFormSchema } from "../../core/schemas/program";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinator } from "~/utils/permissions.server";
import { firstOfMonth, quebecToday } from "../../core/utils/quebec-time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programForm.newTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  await requireCoordinator(s, request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const user = await requireCoordinator(s, request);
  const submission = await parseSubmission(request, programFormSchema);
  if (submission.status !== "success") return refuse(submission);
  const program = await createProgram(s, submission.value, user.id);
  return redirect(`/programs/${program.id}/settings`);
}

/** Defaults from the pilot: 5 months, 20 h per group, a 2 h meeting every 2–4 weeks. */
function defaults(): ProgramFormValues {
  // The first of the month after next, in Quebec; five months long.
  const start = firstOfMonth(quebecToday(), 2);
  const end = firstOfMonth(start, 5);
  return {
    title: "",
    theme: "",
    subThemes: [],
    description: "",
    status: "draft",
    composition: "mentorship",
    regionRule: "distinct-regions",
    format: "online",
    mentoringStart: start,
    mentoringEnd: end,
    hourBankHours: 20,
    cadenceWeeksMin: 2,
    cadenceWeeksMax: 4,
    meetingMinutes: 120,
    checkInWeeks: 2,
    budget: { mentorCompensation: 0, coordination: 0 },
  };
}

export default function NewProgram() {
  const { t } = useT();
  return (
    <section className="narrow-wide">
      <h1>{t("programForm.newTitle")}</h1>
      <p className="lead">{t("programForm.newIntro")}</p>
      <ProgramForm values={defaults()} submitLabel={t("programForm.create")} />
    </section>
  );
}
