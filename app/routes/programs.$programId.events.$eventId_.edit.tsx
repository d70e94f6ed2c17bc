/**
 * Changing a speed-dating event before it starts (its coordinators only): the same fields and
 * schema as scheduling one. The people already invited are told of a new date, time or link, the
 * people added get the invitation (updateEvent, one transaction); the people connected to its page
 * see the new settings at once.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { EventFields } from "~/components/EventFields";
import { FormErrorSummary } from "~/components/Field";
import {
  getEvent,
  invitableParticipants,
  isEditable,
  updateEvent,
} from "../../core/models/event.server";
import { EVENT_ARRAY_FIELDS, eventFormSchema, eventIdSchema } from "../../core/schemas/event";
import { toDateTimeLocal } from "../../core/utils/quebec-time";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { replyWithError } from "~/utils/errors.server";
import { useT } from "~/utils/i18n-react";
import { notFound, requireCoordinatorOf } from "~/utils/permissions.server";
import type { Services } from "../../core/services";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.event.title ?? ""} – Maillage` },
];

/**
 * The event, for its program's coordinators: the program's participants are refused whatever the
 * event (403, as on every coordination page), anyone else gets 404, as for a made-up event.
 */
async function requireEventSettings(s: Services, request: Request, params: Params) {
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const id = eventIdSchema.safeParse(params.eventId);
  const event = id.success ? await getEvent(s, id.data) : undefined;
  if (!event || event.programId !== program.id) throw notFound();
  return { program, event };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, event } = await requireEventSettings(s, request, params);
  return {
    programId: program.id,
    editable: isEditable(event),
    event: {
      id: event.id,
      title: event.title,
      startsAt: toDateTimeLocal(event.startsAt),
      rounds: String(event.rounds),
      roundMinutes: String(event.roundMinutes),
      breakMinutes: String(event.breakMinutes),
      roomSize: String(event.roomSize),
      format: event.format,
      videoUrlPattern: event.videoUrlPattern ?? "",
      invited: event.invitedParticipantIds,
    },
    participants: await invitableParticipants(s, program.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, event } = await requireEventSettings(s, request, params);
  const submission = await parseSubmission(request, eventFormSchema, { lists: EVENT_ARRAY_FIELDS });
  if (submission.status !== "success") return refuse(submission);
  try {
    await updateEvent(s, event.id, submission.value);
  } catch (error) {
    return replyWithError(request, submission, error);
  }
  return redirect(`/programs/${program.id}/events/${event.id}?saved`);
}

export default function EditEvent() {
  const { programId, editable, event, participants } = useLoaderData<typeof loader>();
  const { t } = useT();
  const [form, fields] = useAppForm<Record<string, string | string[]>>({ defaultValue: event });
  const navigation = useNavigation();
  const invited = new Set(
    form.status === "error" ? (fields.invited?.defaultOptions ?? []) : event.invited,
  );
  const back = `/programs/${programId}/events/${event.id}`;
  return (
    <>
      <p>
        <Link to={back}>← {t("events.back")}</Link>
      </p>
      <h1>{t("events.editTitle", { title: event.title })}</h1>
      {editable ? (
        <>
          <p className="lead">{t("events.editIntro")}</p>
          <FormErrorSummary form={form} />
          <Form method="post" {...formProps(form)} className="stack">
            <EventFields fields={fields} participants={participants} invited={invited} />
            <p>
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                {t("events.save")}
              </button>
            </p>
          </Form>
        </>
      ) : (
        <p className="alert" role="status">
          {t("events.errors.started")}
        </p>
      )}
    </>
  );
}
