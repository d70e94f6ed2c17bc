/** In-app notices, each also written to the outbox (or sent) in the person's language. */
import { newId } from "../store";
import type { EntityOf } from "../store";
import { translate, type MessageKey } from "../i18n";
import { noticeParams } from "../i18n/notice-params";
import { newestFirst } from "../utils/order";
import type { Services } from "../services";
import type { MailAttachment } from "../mail";

export type NotificationKind =
  | "groupFormed"
  | "proposalReceived"
  | "selfGroupAwaiting"
  | "selfGroupFormed"
  | "meetingReminder"
  | "checkInReminder"
  | "toolShareRequest"
  | "evaluationOpen"
  | "evaluationReminder"
  | "interviewScheduled"
  | "interviewToValidate"
  | "interviewCorrection"
  | "eventAnnouncement"
  | "eventUpdate"
  | "eventReminder"
  | "eventUninvited"
  | "coCoordinatorJoined"
  | "coordinatorSteppedDown"
  | "coordinatorRemoved"
  | "coordinatorRoleGranted"
  | "coordinatorRoleRevoked";

/**
 * An in-app notice and its e-mail, both written in the caller's transaction (the e-mail into the
 * outbox queue, sent by the outbox worker once that transaction has committed: never for a write
 * that was rolled back or lost a race).
 */
export async function notify(
  s: Services,
  input: {
    userId: string;
    programId?: string;
    kind: NotificationKind;
    /**
     * Raw values: an instant as its ISO string in a param named `date` or `…At`, written in the
     * reader's language when the notice is shown or sent (core/i18n/notice-params.ts).
     */
    params: Record<string, string | number>;
    link: string;
    /** Files the e-mail carries (a calendar entry); the in-app notice has the link. */
    attachments?: MailAttachment[];
  },
) {
  const store = s.store;
  const user = await store.get("users", input.userId);
  if (!user) return;
  await store.insert("notifications", {
    id: newId("ntf"),
    userId: input.userId,
    programId: input.programId,
    kind: input.kind,
    params: input.params,
    link: input.link,
    createdAt: s.clock.now().toISOString(),
  });
  // The e-mail is written now, in the recipient's language of the moment.
  const params = noticeParams(user.locale, input.params);
  const message = {
    to: user.email,
    kind: input.kind,
    programId: input.programId,
    subject: translate(user.locale, `notifications.${input.kind}.subject` as MessageKey, params),
    text: `${translate(user.locale, `notifications.${input.kind}.text` as MessageKey, params)}\n\n${s.site.url()}${input.link}`,
    attachments: input.attachments,
  };
  await s.mail.enqueue(message);
}

export async function notifyCoordinators(
  s: Services,
  program: EntityOf<"programs">,
  kind: NotificationKind,
  link: string,
) {
  for (const userId of program.coordinatorIds) {
    await notify(s, {
      userId,
      programId: program.id,
      kind,
      params: { program: program.title },
      link,
    });
  }
}

export async function listNotifications(s: Services, userId: string) {
  const list = await s.store.find("notifications", { userId });
  return list.sort((a, b) => newestFirst(a.createdAt, b.createdAt)).slice(0, 50);
}

export async function markNotificationsRead(s: Services, userId: string) {
  const now = s.clock.now().toISOString();
  await s.store.transaction(async (tx) => {
    for (const n of await tx.find("notifications", { userId })) {
      if (!n.readAt) await tx.update("notifications", n.id, { readAt: now });
    }
  });
}

/**
 * A change in who coordinates a program (someone joined, stepped down, or lost the role), told to
 * its coordinators (as the program now is) but those in `except`: who made the change, or whom it
 * is about. In the caller's transaction, like every notice.
 */
export async function tellCoordinators(
  s: Services,
  program: EntityOf<"programs">,
  change: {
    kind: Extract<
      NotificationKind,
      "coCoordinatorJoined" | "coordinatorSteppedDown" | "coordinatorRemoved"
    >;
    name: string;
    except: readonly string[];
  },
) {
  for (const userId of program.coordinatorIds) {
    if (change.except.includes(userId)) continue;
    await notify(s, {
      userId,
      programId: program.id,
      kind: change.kind,
      params: { name: change.name, program: program.title },
      link: `/programs/${program.id}/coordinators`,
    });
  }
}
