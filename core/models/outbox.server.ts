/** The program's e-mails and where each stands (queued, sent, failed, kept), for its coordinators. */
import type { Services } from "../services";

export async function listProgramOutbox(s: Services, programId: string) {
  const messages = await s.mail.list(programId);
  return {
    /** Whether e-mails are really sent (an SMTP server is configured) or only kept here. */
    sending: s.mail.smtp !== undefined,
    messages: messages.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: m.text,
      kind: m.kind,
      createdAt: m.createdAt,
      status: m.status,
      attempts: m.attempts,
      sentAt: m.sentAt,
      nextAttemptAt: m.nextAttemptAt,
      lastError: m.lastError,
      attachments: (m.attachments ?? []).map((a) => a.filename),
    })),
  };
}
