import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, pageText, signedIn } from "../helpers/http";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";
import { addDays, quebecToday } from "../../core/utils/quebec-time";
import { outboxMessages } from "../helpers/store-snapshot";

const PROGRAM = "/programs/prog-reemploi-2026";
const GROUP = `${PROGRAM}/groups/grp-demo-chaine-froid`;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { MAILLAGE_REMINDER_INTERVAL_SECONDS: "1" } });
});
afterAll(async () => {
  await server?.stop();
});

const as = (email: string) => signedIn(server.url, email);
const page = pageText;

interface Mail {
  to: string;
  kind: string;
  subject: string;
}
async function outbox(kind: string): Promise<Mail[]> {
  return (await outboxMessages([server.dataDir])).filter((m) => m.kind === kind);
}

/** A multipart post, as the browser sends a form with a file. */
function upload(client: HttpClient, path: string, fields: Record<string, string>, file?: File) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", file);
  return client.request(path, { method: "POST", body, headers: { Origin: server.url } });
}
const pdf = (name: string, size = 2048) => {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]); // %PDF-1.4
  return new File([bytes], name, { type: "application/pdf" });
};
const toolFields = (title: string) => ({
  intent: "create",
  title,
  description: "",
  theme: "tri-denrees",
  url: "",
});

describe("check-ins", () => {
  it("mentees send them; the mentor reads them before the meeting and confirms the content", async () => {
    const mathieu = await as("mathieu@exemple.org");
    const bad = await mathieu.post(`${GROUP}/checkins`, {
      needsStatus: "bof",
      update: "",
      changes: "",
      questions: "",
    });
    expect(bad.status).toBe(400);
    const badHtml = await page(bad);
    expect(badHtml).toContain('id="field-update-error"');
    expect(badHtml).toContain('id="field-needsStatus-error"');
    expect(badHtml).toContain("Choisissez une des options proposées.");
    const sent = await mathieu.post(`${GROUP}/checkins`, {
      needsStatus: "blocked",
      update: "Le fournisseur de glacières ne répond plus.",
      changes: "",
      questions: "Avez-vous un autre fournisseur ?",
    });
    expect(await page(sent)).toContain("Mise à jour envoyée au groupe.");

    const marc = await as("marc@exemple.org");
    // The mentor does not send check-ins; a forged post is refused.
    const forged = await marc.post(`${GROUP}/checkins`, {
      needsStatus: "on-track",
      update: "Tout va bien",
      changes: "",
      questions: "",
    });
    expect(forged.status).toBe(403);
    const list = await page(await marc.get(`${GROUP}/checkins`));
    expect(list).toContain("Le fournisseur de glacières ne répond plus.");
    expect(list).toContain("Je suis bloqué·e");

    // Before the next meeting, the mentor sees what arrived since the kickoff, and confirms.
    const meetings = await page(await marc.get(`${GROUP}/meetings`));
    const next = [...meetings.matchAll(/meetings\/(mtg-demo-20[\d-]+)"/g)][0]![1]!;
    const detail = await page(await marc.get(`${GROUP}/meetings/${next}`));
    expect(detail).toContain("Avez-vous un autre fournisseur ?");
    expect(detail).toContain("Les pertes de juillet sont mesurées");
    const confirmed = await marc.post(`${GROUP}/meetings/${next}`, {
      intent: "confirm-preparation",
    });
    expect(await page(confirmed)).toContain(
      "Contenu préparé confirmé avec les personnes mentorées",
    );
    expect(
      (await mathieu.post(`${GROUP}/meetings/${next}`, { intent: "confirm-preparation" })).status,
    ).toBe(403);
    for (const email of ["amelie@exemple.org", "coordination@exemple.org"]) {
      expect((await (await as(email)).get(`${GROUP}/checkins`)).status, email).toBe(404);
    }
  });
});

describe("tools", () => {
  it("stores an accepted file, refuses big or disguised ones, and serves files to members only", async () => {
    const benoit = await as("benoit@exemple.org");
    const uploads = join(server.dataDir, "uploads");
    const before = await readdir(uploads).catch(() => [] as string[]);

    const tooBig = await upload(
      benoit,
      `${GROUP}/tools`,
      toolFields("Guide trop lourd"),
      pdf("gros.pdf", 10 * 1024 * 1024 + 10),
    );
    expect(tooBig.status).toBe(413);
    const tooBigPage = await page(tooBig);
    expect(tooBigPage).toContain("Le fichier dépasse 10 Mo.");
    // A refused file is the only complaint: a file was attached.
    expect(tooBigPage).not.toContain("Donnez un lien ou joignez un fichier.");
    const disguised = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0])], "guide.pdf", {
      type: "application/pdf",
    });
    const badType = await upload(benoit, `${GROUP}/tools`, toolFields("Faux PDF"), disguised);
    expect(badType.status).toBe(400);
    const badTypePage = await page(badType);
    expect(badTypePage).toContain("Ce type de fichier n'est pas accepté.");
    expect(badTypePage).not.toContain("Donnez un lien ou joignez un fichier.");
    const exe = new File([new Uint8Array([1, 2, 3])], "outil.exe");
    expect((await upload(benoit, `${GROUP}/tools`, toolFields("Programme"), exe)).status).toBe(400);
    const nothing = await upload(benoit, `${GROUP}/tools`, toolFields("Sans lien ni fichier"));
    expect(await page(nothing)).toContain("Donnez un lien ou joignez un fichier.");
    // Nothing half-stored: no file and no tool from the refused posts.
    expect(await readdir(uploads).catch(() => [] as string[])).toEqual(before);
    let html = await page(await benoit.get(`${GROUP}/tools`));
    for (const title of ["Guide trop lourd", "Faux PDF", "Programme", "Sans lien ni fichier"]) {
      expect(html).not.toContain(`>${title}<`);
    }

    const ok = await upload(
      benoit,
      `${GROUP}/tools`,
      toolFields("Plan de notre chambre froide"),
      pdf("chambre froide.pdf"),
    );
    expect(ok.status).toBe(200);
    html = await page(await benoit.get(`${GROUP}/tools`));
    expect(html).toContain("Plan de notre chambre froide");
    const fileUrl = /href="([^"]+\/tools\/tool-[\w-]+\/file)"/.exec(html)![1]!;

    const marc = await as("marc@exemple.org");
    const download = await marc.get(fileUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    // The file's own sandbox policy, on top of the site's.
    expect(download.headers.get("content-security-policy")).toContain(
      "default-src 'none'; sandbox",
    );
    expect(new Uint8Array(await download.arrayBuffer()).slice(0, 4)).toEqual(
      new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    );
    for (const email of ["amelie@exemple.org", "coordination@exemple.org"]) {
      const outsider = await as(email);
      expect((await outsider.get(fileUrl)).status, email).toBe(404);
      expect((await outsider.get(`${GROUP}/tools`)).status, email).toBe(404);
    }
    expect((await new HttpClient(server.url).get(fileUrl)).status).toBe(302);
  });

  it("joins the program's library only with the author's consent", async () => {
    const benoit = await as("benoit@exemple.org");
    const mathieu = await as("mathieu@exemple.org");
    const amelie = await as("amelie@exemple.org");
    // Benoît asked to share Mathieu's schedule (demo): only Mathieu may answer.
    const notAuthor = await benoit.post(`${GROUP}/tools`, {
      intent: "consent",
      toolId: "tool-demo-2",
    });
    expect(notAuthor.status).toBe(403);
    let library = await page(await amelie.get(`${PROGRAM}/tools`));
    expect(library).not.toContain("Horaire des livraisons aux HLM");
    expect(library).toContain("Gabarit de relevé de températures");

    const consent = await mathieu.post(`${GROUP}/tools`, {
      intent: "consent",
      toolId: "tool-demo-2",
    });
    expect(await page(consent)).toContain("L'outil est dans la bibliothèque du programme.");
    library = await page(await amelie.get(`${PROGRAM}/tools`));
    expect(library).toContain("Horaire des livraisons aux HLM");
    // Searchable by theme and by words.
    const transport = await page(await amelie.get(`${PROGRAM}/tools?theme=transport`));
    expect(transport).toContain("Horaire des livraisons aux HLM");
    expect(transport).not.toContain("Gabarit de relevé de températures");
    const words = await page(await amelie.get(`${PROGRAM}/tools?q=temperatures`));
    expect(words).toContain("Gabarit de relevé de températures");
    expect(await page(await amelie.get(`${PROGRAM}/tools?theme=<script>`))).toContain(
      "Ce filtre n'est pas valide",
    );

    // Benoît asks to share his own new tool: his request is his consent.
    const created = await benoit.post(`${GROUP}/tools`, {
      ...toolFields("Registre des pertes"),
      url: "https://exemple.org/registre",
    });
    expect(created.status).toBe(200);
    const html = await page(await benoit.get(`${GROUP}/tools`));
    const id =
      /name="toolId" value="(tool-[\w-]+)"[\s\S]{0,400}Verser « Registre des pertes »/.exec(
        html,
      )?.[1];
    expect(id).toBeDefined();
    await benoit.post(`${GROUP}/tools`, { intent: "share", toolId: id! });
    expect(await page(await amelie.get(`${PROGRAM}/tools`))).toContain("Registre des pertes");
    // Anonymous visitors are sent to sign in.
    expect((await new HttpClient(server.url).get(`${PROGRAM}/tools`)).status).toBe(302);
  });
});

describe("evaluations", () => {
  it("schedules a questionnaire, tells the groups, counts answers and reminds the others", async () => {
    const coordinator = await as("coordination@exemple.org");
    const today = quebecToday();
    const inAWeek = addDays(today, 7);
    const bad = await coordinator.post(`${PROGRAM}/evaluations`, {
      intent: "schedule",
      kind: "weekly",
      title: "",
      opensOn: inAWeek,
      closesOn: today,
    });
    expect(bad.status).toBe(400);
    const badHtml = await page(bad);
    for (const field of ["kind", "title", "closesOn"])
      expect(badHtml).toContain(`id="field-${field}-error"`);

    const scheduled = await coordinator.post(`${PROGRAM}/evaluations`, {
      intent: "schedule",
      kind: "monthly",
      title: "Questionnaire mensuel — décembre",
      opensOn: today,
      closesOn: inAWeek,
    });
    expect(await page(scheduled)).toContain("Questionnaire planifié");
    // The members of the demo's two groups are told (the cold-chain group, and the co-mentors'
    // group of four); nobody outside a group is.
    const announced = await outbox("evaluationOpen");
    expect(announced.map((m) => m.to).sort()).toEqual([
      "anne@exemple.org",
      "benoit@exemple.org",
      "gilles@exemple.org",
      "marc@exemple.org",
      "mathieu@exemple.org",
      "olivier@exemple.org",
      "rose@exemple.org",
    ]);
    let list = await page(await coordinator.get(`${PROGRAM}/evaluations`));
    expect(list).toContain("0 sur 7 (0 %)");
    const evaluationId = /name="evaluationId" value="(eval-[\w-]+)"/.exec(list)![1]!;

    const mathieu = await as("mathieu@exemple.org");
    const answerUrl = `${PROGRAM}/evaluations/${evaluationId}`;
    const form = await page(await mathieu.get(answerUrl));
    const progressFields = [...form.matchAll(/name="(progress-act-[\w-]+)"/g)].map((m) => m[1]!);
    expect(new Set(progressFields).size).toBeGreaterThan(0);
    const missing = await mathieu.post(answerUrl, { successFactors: "", difficulties: "" });
    expect(missing.status).toBe(400);
    expect(await page(missing)).toContain("Choisissez une note de 1 à 5.");
    const answers: Record<string, string> = {
      appreciation: "4",
      successFactors: "Les relevés de températures",
      difficulties: "",
      comment: "",
    };
    for (const name of new Set(progressFields)) answers[name] = "started";
    expect(await page(await mathieu.post(answerUrl, answers))).toContain("Merci !");
    list = await page(await coordinator.get(`${PROGRAM}/evaluations`));
    expect(list).toContain("1 sur 7 (14 %)");

    // A questionnaire that opens next week is "to come", not "closed", and says when it opens.
    await coordinator.post(`${PROGRAM}/evaluations`, {
      intent: "schedule",
      kind: "monthly",
      title: "Questionnaire mensuel — plus tard",
      opensOn: inAWeek,
      closesOn: inAWeek,
    });
    const mine = await page(await mathieu.get(`${PROGRAM}/evaluations`));
    const later = mine.slice(mine.indexOf("Questionnaire mensuel — plus tard"));
    expect(later).toMatch(/^[^]*?À venir : ouvre le \d+ [a-zé]+ \d{4}/);
    expect(later.slice(0, later.indexOf("</li>"))).not.toContain("Fermé");

    const reminded = await coordinator.post(`${PROGRAM}/evaluations`, {
      intent: "remind",
      evaluationId,
    });
    expect(await page(reminded)).toContain("Rappel envoyé à 6 personnes.");
    expect((await outbox("evaluationReminder")).map((m) => m.to).sort()).toEqual([
      "anne@exemple.org",
      "benoit@exemple.org",
      "gilles@exemple.org",
      "marc@exemple.org",
      "olivier@exemple.org",
      "rose@exemple.org",
    ]);

    // Outside a group: no questionnaire to answer; participants cannot schedule.
    const amelie = await as("amelie@exemple.org");
    expect((await amelie.get(answerUrl)).status).toBe(404);
    expect(
      (
        await mathieu.post(`${PROGRAM}/evaluations`, {
          intent: "schedule",
          kind: "final",
          title: "Évaluation",
          opensOn: today,
          closesOn: inAWeek,
        })
      ).status,
    ).toBe(403);

    // Observer notes stay with the coordination, about a meeting of a group that invites it
    // (the demo group does, ADR 0027); a made-up meeting is refused on its field.
    const refused = await coordinator.post(`${PROGRAM}/evaluations`, {
      intent: "observe",
      meetingId: "mtg-inconnue",
      note: "Belle dynamique ; Benoît prend sa place.",
    });
    expect(await page(refused)).toContain(
      "Choisissez une rencontre d'un groupe qui invite la coordination.",
    );
    const noted = await coordinator.post(`${PROGRAM}/evaluations`, {
      intent: "observe",
      meetingId: "mtg-demo-demarrage",
      note: "Belle dynamique ; Benoît prend sa place.",
    });
    expect(await page(noted)).toContain("Note d'observation enregistrée.");
    // Each group is told apart by its members' first names, not only "Groupe 2, 3…".
    expect(await page(await coordinator.get(`${PROGRAM}/evaluations`))).toContain(
      "Chaîne de froid — Benoît, Marc, Mathieu",
    );
  });
});

describe("check-in reminders", () => {
  it("go by email to the mentees whose check-in is overdue, not to the mentor", async () => {
    // A group formed a month ago whose mentees have not written since.
    const dataDir = await makeTempDir();
    const first = await startServer({ dataDir });
    await first.stop();
    const file = join(dataDir, "maillage.json");
    const doc = JSON.parse(await readFile(file, "utf8")) as {
      groups: Array<{ id: string; createdAt: string }>;
      checkIns: Array<{ groupId: string; createdAt: string }>;
    };
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
    for (const g of doc.groups) if (g.id === "grp-demo-chaine-froid") g.createdAt = monthAgo;
    for (const c of doc.checkIns) if (c.groupId === "grp-demo-chaine-froid") c.createdAt = monthAgo;
    await writeFile(file, JSON.stringify(doc));
    const second = await startServer({
      dataDir,
      env: { MAILLAGE_REMINDER_INTERVAL_SECONDS: "1" },
    });
    try {
      const read = async () =>
        (await outboxMessages([dataDir])).filter((m) => m.kind === "checkInReminder");
      await expect.poll(async () => (await read()).length, { timeout: 10_000 }).toBe(2);
      const mails = await read();
      expect(mails.map((m) => m.to).sort()).toEqual(["benoit@exemple.org", "mathieu@exemple.org"]);
      expect(mails[0]!.text).toContain("/groups/grp-demo-chaine-froid/checkins");
      // Later passes do not repeat them.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(await read()).toHaveLength(2);
    } finally {
      await second.stop();
      await removeDir(dataDir);
    }
  });
});
