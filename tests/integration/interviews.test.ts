/**
 * Final interviews over HTTP on the demo data: the coordinator schedules one per participant in
 * Quebec time, records the summary; the participant validates it or asks for a correction; only a
 * validated summary reaches the report page and its CSV, redacted. Benoît's summary awaits his
 * validation in the demo, Marc's is validated, Mathieu's interview is still to come.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, signedIn, type HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { quebecInstant } from "../../core/utils/quebec-time";
import { REDACTED } from "../../core/models/report";
import { outboxMessages } from "../helpers/store-snapshot";

const PROGRAM = "/programs/prog-reemploi-2026";
const BENOIT = `${PROGRAM}/interviews/itw-demo-benoit`;
const MATHIEU = `${PROGRAM}/interviews/itw-demo-mathieu`;
const REPORT = `${PROGRAM}/report`;
const CSV = `${PROGRAM}/report.csv?table=interviews`;
/** Words of the demo's summaries: Marc's is validated, Benoît's awaits him. */
const MARC_LEARNING = "Préparer un plan d'action par personne mentorée";
const BENOIT_LEARNING = "Un relevé quotidien des températures";

let server: TestServer;
let coordinator: HttpClient;

beforeAll(async () => {
  server = await startServer();
  coordinator = await signedIn(server.url, "coordination@exemple.org");
});
afterAll(async () => {
  await server?.stop();
});

interface Stored {
  interviews: Array<{
    id: string;
    participantId: string;
    startsAt: string;
    place: string;
    status: string;
    revision: number;
    correction?: { comment: string };
  }>;
  notifications: Array<{ userId: string; kind: string; link: string }>;
}
async function stored(): Promise<Stored> {
  return JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as Stored;
}
async function mails(kind: string) {
  return (await outboxMessages([server.dataDir])).filter((m) => m.kind === kind);
}
const interview = async (id: string) => (await stored()).interviews.find((i) => i.id === id)!;
const reportText = async () => pageText(await coordinator.get(REPORT));
const csvText = async () => (await coordinator.get(CSV)).text();

const summary = (learning: string) => ({
  intent: "record",
  appreciation: "4",
  learning,
  objectivesReached: "yes",
  recommendations: "",
  continueMeeting: "yes",
});

describe("final interviews", () => {
  it("schedules one interview per participant in Quebec time; a repeated submission has one effect", async () => {
    const form = {
      intent: "schedule",
      participantId: "p-amelie",
      date: "2027-06-14",
      time: "10:30",
      durationMinutes: "60",
      place: "Visioconférence : https://visio.exemple.org/amelie",
      _submission: "entrevue-amelie.cle.1",
    };
    const first = await coordinator.post(`${PROGRAM}/interviews`, form);
    expect(first.status).toBe(200);
    const again = await coordinator.post(`${PROGRAM}/interviews`, form);
    expect(again.status).toBe(200);
    // The same schedule from another tab (a new key) is no change either.
    await coordinator.post(`${PROGRAM}/interviews`, {
      ...form,
      _submission: "entrevue-amelie.cle.2",
    });
    const amelie = (await stored()).interviews.filter((i) => i.participantId === "p-amelie");
    expect(amelie).toHaveLength(1);
    expect(amelie[0]!.startsAt).toBe(quebecInstant("2027-06-14", "10:30").toISOString());
    expect(amelie[0]!.status).toBe("scheduled");
    const notices = (await stored()).notifications.filter(
      (n) => n.userId === "u-amelie" && n.kind === "interviewScheduled",
    );
    expect(notices).toHaveLength(1);
    // Amélie sees it, in Quebec time; a participant not of the program is refused.
    const page = await pageText(
      await (await signedIn(server.url, "amelie@exemple.org")).get(`${PROGRAM}/interviews`),
    );
    expect(page).toContain("10\u00a0h\u00a030");
    const refused = await coordinator.post(`${PROGRAM}/interviews`, {
      ...form,
      participantId: "p-inconnu",
      _submission: "entrevue-inconnu.cle.1",
    });
    expect(refused.status).toBe(400);
  });

  it("keeps an unvalidated summary out of the report and its CSV; a validated one is in", async () => {
    const [report, csv] = [await reportText(), await csvText()];
    expect(report).toContain(MARC_LEARNING);
    expect(csv).toContain(MARC_LEARNING);
    expect(report).not.toContain(BENOIT_LEARNING);
    expect(csv).not.toContain(BENOIT_LEARNING);
    // Benoît's dashboard says a summary awaits him, with the link; he was told by e-mail too.
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    const dashboard = await pageText(await benoit.get("/dashboard"));
    expect(dashboard).toContain("La synthèse de votre entretien final attend votre validation.");
    expect(dashboard).toContain(BENOIT);
  });

  it("lets the participant ask a correction, the coordinator revise, the participant validate; then the report has it", async () => {
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    // Only the participant answers; only the coordinator records.
    expect((await coordinator.post(BENOIT, { intent: "validate", revision: "1" })).status).toBe(
      403,
    );
    expect((await benoit.post(BENOIT, summary("Je récris ma synthèse."))).status).toBe(403);

    const ask = {
      intent: "correct",
      revision: "1",
      comment: "L'objectif sur l'entreposage est atteint.",
    };
    expect((await benoit.post(BENOIT, ask)).status).toBe(200);
    expect((await benoit.post(BENOIT, ask)).status).toBe(200);
    let current = await interview("itw-demo-benoit");
    expect(current.status).toBe("correction-requested");
    expect(current.correction?.comment).toBe(ask.comment);
    const told = (await stored()).notifications.filter(
      (n) => n.userId === "u-coordination" && n.kind === "interviewCorrection",
    );
    expect(told).toHaveLength(1);
    // Nothing to validate while the correction is pending.
    const early = await benoit.post(BENOIT, { intent: "validate", revision: "1" });
    expect(early.status).toBe(409);
    expect(await pageText(early)).toContain("Aucune synthèse n'attend votre validation");
    expect(await reportText()).not.toContain(BENOIT_LEARNING);

    const revised = "Un relevé quotidien des températures ; l'objectif d'entreposage est atteint.";
    const mailsBefore = (await mails("interviewToValidate")).length;
    expect((await coordinator.post(BENOIT, summary(revised))).status).toBe(200);
    current = await interview("itw-demo-benoit");
    expect(current.status).toBe("awaiting-validation");
    expect(current.revision).toBe(2);
    expect((await mails("interviewToValidate")).length).toBe(mailsBefore + 1);
    // The same summary sent again is no change and no second e-mail.
    await coordinator.post(BENOIT, summary(revised));
    expect((await interview("itw-demo-benoit")).revision).toBe(2);
    expect((await mails("interviewToValidate")).length).toBe(mailsBefore + 1);
    expect(await reportText()).not.toContain("l'objectif d'entreposage est atteint");

    // Validating the summary read before the revision is refused: read it again.
    const stale = await benoit.post(BENOIT, { intent: "validate", revision: "1" });
    expect(stale.status).toBe(409);
    expect(await pageText(stale)).toContain("relisez-la");
    expect((await benoit.post(BENOIT, { intent: "validate", revision: "2" })).status).toBe(200);
    expect((await benoit.post(BENOIT, { intent: "validate", revision: "2" })).status).toBe(200);
    expect((await interview("itw-demo-benoit")).status).toBe("validated");
    // Validated is final: no correction, no new time.
    expect((await benoit.post(BENOIT, { ...ask, revision: "2" })).status).toBe(409);
    expect(await reportText()).toContain("l'objectif d'entreposage est atteint");
    expect(await csvText()).toContain("l'objectif d'entreposage est atteint");
  });

  it("redacts names in validated summaries, and shows nothing of them before", async () => {
    const mathieu = await signedIn(server.url, "mathieu@exemple.org");
    const named = "Benoît Girard et l'Entraide alimentaire des Cantons m'ont montré leurs relevés.";
    expect((await coordinator.post(MATHIEU, summary(named))).status).toBe(200);
    expect(await reportText()).not.toContain("m'ont montré leurs relevés");
    expect(await csvText()).not.toContain("m'ont montré leurs relevés");
    expect((await mathieu.post(MATHIEU, { intent: "validate", revision: "1" })).status).toBe(200);
    const [report, csv] = [await reportText(), await csvText()];
    for (const text of [report, csv]) {
      expect(text).toContain(`m'ont montré leurs relevés`);
      expect(text).toContain(REDACTED);
      expect(text).not.toContain("Girard");
      expect(text).not.toContain("Entraide alimentaire des Cantons");
    }
  });

  it("answers 404 to anyone but the coordinator and the participant interviewed", async () => {
    const mathieu = await signedIn(server.url, "mathieu@exemple.org");
    expect((await mathieu.get(BENOIT)).status).toBe(404);
    expect((await mathieu.post(BENOIT, { intent: "validate", revision: "2" })).status).toBe(404);
    expect(
      (await mathieu.post(BENOIT, { intent: "correct", revision: "2", comment: "Non." })).status,
    ).toBe(404);
    expect((await coordinator.get(BENOIT)).status).toBe(200);
    // A participant's list shows their own interview only.
    const list = await pageText(await mathieu.get(`${PROGRAM}/interviews`));
    expect(list).toContain(MATHIEU);
    expect(list).not.toContain(BENOIT);
  });
});
