/**
 * The outbox queue against a real SMTP server (smtp-server, from the Nodemailer project; mailparser
 * reads what arrived): the app's notices leave through the outbox worker, French subjects and
 * accents intact, links built from PUBLIC_URL, the calendar entry of an announced event attached;
 * the SMTP server goes down in the middle (the messages wait, with a backoff) and comes back (they
 * all arrive, once); two workers on one store deliver each message once, on lowdb and PostgreSQL.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEvent, sendEventReminders } from "../../core/models/event.server";
import { sendMeetingReminders } from "../../core/models/meeting-calendar.server";
import { OutboxWorker, smtpTransport } from "../../core/mail/worker";
import { addDays, fromDateTimeLocal, quebecToday } from "../../core/utils/quebec-time";
import { DEMO_PROGRAM_ID } from "../../server/seeds/demo";
import { startOutboxWorker } from "../../server/outbox";
import { testServices, type TestServices } from "../helpers/services";
import { startCluster, type PgCluster } from "../setup/pg-cluster";

const PUBLIC_URL = "https://maillage.exemple.org";

/** A real SMTP server on 127.0.0.1; `stop` and `start` again on the same port (an outage). */
class Inbox {
  readonly received: ParsedMail[] = [];
  private server?: SMTPServer;
  port = 0;

  async start() {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop() {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many times each message (by its Message-ID) arrived. */
  counts() {
    const counts = new Map<string, number>();
    for (const m of this.received) counts.set(m.messageId!, (counts.get(m.messageId!) ?? 0) + 1);
    return counts;
  }
}

const smtpConfig = (port: number) => ({
  smtp: { host: "127.0.0.1", port, secure: false, from: "Maillage <avis@maillage.exemple.org>" },
  publicUrl: PUBLIC_URL,
});

/** The Quebec datetime-local of `days` from today at 13:30 (the event form's value). */
const inDays = (days: number) => `${addDays(quebecToday(), days)}T13:30`;

describe("e-mail through a real SMTP server", () => {
  const inbox = new Inbox();
  let s: TestServices;
  let worker: Awaited<ReturnType<typeof startOutboxWorker>>;

  beforeAll(async () => {
    await inbox.start();
    s = await testServices({ config: smtpConfig(inbox.port) });
    worker = await startOutboxWorker(s, { intervalMs: 200, baseDelayMs: 300, maxDelayMs: 1_000 });
  });
  afterAll(async () => {
    await worker?.stop();
    await s?.close();
    await inbox.stop();
  });

  it("sends an event's announcement with its calendar entry, in French with accents, links from PUBLIC_URL", async () => {
    const event = await createEvent(
      s,
      DEMO_PROGRAM_ID,
      {
        title: "Séance d'échanges — réemploi",
        startsAt: inDays(10),
        rounds: 3,
        roundMinutes: 7,
        breakMinutes: 1,
        roomSize: 2,
        format: "online",
        videoUrlPattern: "",
        invited: ["p-marc", "p-louise"],
      },
      "u-coordination",
    );
    await expect
      .poll(() => inbox.received.filter((m) => m.subject?.startsWith("Invitation")).length, {
        timeout: 15_000,
      })
      .toBe(2);
    const mail = inbox.received.find((m) => m.to && JSON.stringify(m.to).includes("marc"))!;
    expect(mail.subject).toMatch(/^Invitation : Séance d'échanges — réemploi, le \w+ \d+ \w+/);
    expect(mail.text).toContain("(heure du Québec)");
    expect(mail.text).toContain(`${PUBLIC_URL}/programs/${DEMO_PROGRAM_ID}/events/${event.id}`);
    expect(mail.from?.text).toContain("avis@maillage.exemple.org");
    const ics = mail.attachments.find((a) => a.filename === "seance.ics")!;
    expect(ics.contentType).toBe("text/calendar");
    // Long lines are folded (RFC 5545): unfolded before reading.
    const calendar = ics.content.toString("utf8").replace(/\r\n[ \t]/g, "");
    expect(calendar).toContain("METHOD:PUBLISH");
    expect(calendar).toContain(`UID:${event.id}@maillage`);
    expect(calendar).toContain("SUMMARY:Séance d'échanges — réemploi");
    expect(calendar).toContain(`URL:${PUBLIC_URL}/programs/${DEMO_PROGRAM_ID}/events/${event.id}`);
    // 13:30 in Quebec, written in UTC.
    expect(calendar).toContain(
      `DTSTART:${fromDateTimeLocal(inDays(10))!.toISOString().replace(/[-:]/g, "").slice(0, 13)}`,
    );
    // The outbox says they were sent (marked once the SMTP server has accepted them).
    const stored = async () =>
      (await s.mail.list(DEMO_PROGRAM_ID)).filter((m) => m.kind === "eventAnnouncement");
    await expect.poll(async () => (await stored()).map((m) => m.status)).toEqual(["sent", "sent"]);
    expect((await stored()).every((m) => m.sentAt && m.attempts === 1)).toBe(true);
  });

  it("keeps the messages while the SMTP server is down, retries with a backoff, and delivers each once when it is back", async () => {
    const before = inbox.received.length;
    await inbox.stop();
    // A meeting reminder (with its calendar entry) and an event's reminder, while it is down.
    const meetings = await sendMeetingReminders(s, 24 * 400);
    expect(meetings).toBeGreaterThan(0);
    await createEvent(
      s,
      DEMO_PROGRAM_ID,
      {
        title: "Rencontre d'été",
        startsAt: inDays(1),
        rounds: 2,
        roundMinutes: 5,
        breakMinutes: 1,
        roomSize: 2,
        format: "in-person",
        videoUrlPattern: "",
        invited: ["p-yves", "p-sylvie"],
      },
      "u-coordination",
    );
    const reminders = await sendEventReminders(s, 48);
    expect(reminders).toBe(2);
    const waiting = async () => (await s.mail.list()).filter((m) => m.status === "queued");
    // Tried, failed, rescheduled (and tried again): nothing lost, nothing marked sent.
    await expect
      .poll(
        async () => {
          const queued = await waiting();
          return (
            queued.length === meetings + 4 &&
            queued.every((m) => m.attempts >= 1 && m.lastError && m.nextAttemptAt) &&
            queued.some((m) => m.attempts >= 2)
          );
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(inbox.received.length).toBe(before);

    await inbox.start();
    await expect.poll(async () => (await waiting()).length, { timeout: 20_000 }).toBe(0);
    const all = await s.mail.list();
    expect(all.every((m) => m.status === "sent")).toBe(true);
    // Every message of the outbox arrived exactly once.
    const counts = inbox.counts();
    expect(counts.size).toBe(all.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(all.map((m) => `<${m.id}@maillage>`))).toEqual(new Set(counts.keys()));

    const reminder = inbox.received.find((m) => m.subject?.startsWith("Rappel : rencontre"))!;
    expect(reminder.subject).toMatch(/^Rappel : rencontre de votre groupe le /);
    expect(reminder.text).toContain(`${PUBLIC_URL}/programs/`);
    expect(reminder.attachments.map((a) => a.filename)).toEqual(["rencontre.ics"]);
    const eventReminder = inbox.received.find((m) =>
      m.subject?.startsWith("Rappel : Rencontre d'été"),
    )!;
    expect(eventReminder.text).toContain("en personne");
    // A later pass reminds nobody again.
    expect(await sendEventReminders(s, 48)).toBe(0);
  }, 60_000);
});

describe("two workers on one store", () => {
  const inbox = new Inbox();
  let cluster: PgCluster | undefined;
  const opened: TestServices[] = [];
  beforeAll(async () => {
    await inbox.start();
  });
  afterEach(async () => {
    while (opened.length) await opened.pop()!.close();
  });
  afterAll(async () => {
    await cluster?.stop();
    await inbox.stop();
  });

  async function deliverWithTwo(a: TestServices, b: TestServices) {
    const start = inbox.received.length;
    for (let i = 0; i < 30; i++) {
      await (i % 2 ? a : b).mail.enqueue({
        to: `personne${i}@exemple.org`,
        subject: `Message n° ${i} — été`,
        text: "Bonjour",
        kind: "eventAnnouncement",
      });
    }
    const transportA = await smtpTransport(smtpConfig(inbox.port).smtp);
    const transportB = await smtpTransport(smtpConfig(inbox.port).smtp);
    const from = "Maillage <avis@maillage.exemple.org>";
    const one = new OutboxWorker(a.store, transportA, from, { batch: 4, workerId: "one" });
    const two = new OutboxWorker(b.store, transportB, from, { batch: 4, workerId: "two" });
    const results = { one: 0, two: 0 };
    for (let round = 0; round < 20; round++) {
      const [r1, r2] = await Promise.all([one.pass(), two.pass()]);
      results.one += r1.sent;
      results.two += r2.sent;
      if (r1.sent + r2.sent === 0) break;
    }
    const arrived = inbox.received.slice(start);
    expect(arrived).toHaveLength(30);
    expect(new Set(arrived.map((m) => m.messageId)).size).toBe(30);
    expect(results.one + results.two).toBe(30);
    // Both took part: the claims split the work, they did not both send it.
    expect(results.one).toBeGreaterThan(0);
    expect(results.two).toBeGreaterThan(0);
    const stored = await a.mail.list();
    expect(stored.filter((m) => m.kind === "test").every((m) => m.status === "sent")).toBe(true);
  }

  it("on lowdb (two claimers in one process) delivers each message once", async () => {
    const s = await testServices({ seed: "empty", config: smtpConfig(inbox.port) });
    opened.push(s);
    await deliverWithTwo(s, s);
  }, 60_000);

  it("on PostgreSQL (two services, as two processes of a cluster) delivers each message once", async () => {
    cluster = await startCluster();
    const a = await testServices({
      seed: "empty",
      databaseUrl: cluster.url,
      config: smtpConfig(inbox.port),
    });
    opened.push(a);
    const b = await testServices({
      seed: "empty",
      databaseUrl: cluster.url,
      config: smtpConfig(inbox.port),
    });
    opened.push(b);
    await deliverWithTwo(a, b);
  }, 120_000);
});
