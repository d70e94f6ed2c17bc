import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, HttpClient, location } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { signUp } from "../helpers/signup";
import { outboxMessages } from "../helpers/store-snapshot";
import { PRIVACY_VERSION } from "../../core/data/privacy";

let server: TestServer;
const PROGRAM_ID = "prog-reemploi-2026";
const PROGRAM = `/programs/${PROGRAM_ID}`;

beforeAll(async () => {
  server = await startServer({ env: { MAILLAGE_COORDINATOR_EMAILS: "autre-table@exemple.org" } });
});
afterAll(async () => {
  await server?.stop();
});

async function page(response: Response) {
  return decode(await response.text());
}
async function storedDocument() {
  return JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as {
    programs: Array<{ id: string; title: string; taxonomy: Array<{ id: string; label: string }> }>;
    applications: Array<{ id: string; status: string; organizationName: string }>;
    participants: Array<{ id: string; userId: string; profile: { needs: Array<{ tag: string }> } }>;
    organizations: Array<{ id: string; name: string; competitorIds: string[] }>;
  };
}
async function outbox() {
  return outboxMessages([server.dataDir]);
}
async function coordinator() {
  const client = new HttpClient(server.url);
  await client.signIn("coordination@exemple.org");
  return client;
}

const programForm = {
  intent: "program",
  title: "Maillages 2027 — Synergies",
  theme: "Mutualiser les équipements entre organismes",
  subThemes: "Camions\nChambres froides",
  description: "Un deuxième programme de démonstration.",
  status: "open",
  composition: "co-development",
  regionRule: "distinct-mrcs",
  format: "online",
  applicationOpens: "2026-11-01",
  applicationCloses: "2027-01-31",
  mentoringStart: "2027-03-01",
  mentoringEnd: "2027-08-01",
  hourBankHours: "20",
  cadenceWeeksMin: "2",
  cadenceWeeksMax: "4",
  meetingMinutes: "120",
  mentorCompensation: "0",
  coordination: "5000",
};

describe("programs (coordinator)", () => {
  let programPath = "";

  it("refuses an invalid program with a message per field and stores nothing", async () => {
    const client = await coordinator();
    const before = (await storedDocument()).programs.length;
    const response = await client.post("/programs/new", {
      ...programForm,
      title: "",
      mentoringEnd: "2027-01-01",
      cadenceWeeksMin: "5",
      cadenceWeeksMax: "3",
      hourBankHours: "vingt",
      composition: "solo",
    });
    expect(response.status).toBe(400);
    const html = await page(response);
    expect(html).toContain('id="field-title-error"');
    expect(html).toContain("La date de fin doit suivre la date de début.");
    expect(html).toContain("Le maximum doit être supérieur ou égal au minimum.");
    expect(html).toContain('id="field-hourBankHours-error"');
    expect(html).toContain('id="field-composition-error"');
    expect((await storedDocument()).programs.length).toBe(before);
  });

  it("creates, edits and deletes a program, with its taxonomy", async () => {
    const client = await coordinator();
    const created = await client.post("/programs/new", programForm);
    expect(created.status).toBe(302);
    programPath = location(created).replace(/\/settings$/, "");
    expect(programPath).toMatch(/^\/programs\/prog-/);
    const settings = await page(await client.get(`${programPath}/settings`));
    expect(settings).toContain("Chaîne de froid"); // seeded with the pilot's subjects
    expect(settings).toContain(`/apply/${programPath.split("/")[2]}`);

    const edited = await client.post(`${programPath}/settings`, {
      ...programForm,
      title: "Maillages 2027 — Synergies régionales",
    });
    expect(edited.status).toBe(200);
    expect(await page(await client.get(programPath))).toContain(
      "Maillages 2027 — Synergies régionales",
    );

    expect(
      (
        await client.post(`${programPath}/settings`, {
          intent: "tag-add",
          label: "Cuisine de rue",
          labelEn: "Street food",
        })
      ).status,
    ).toBe(200);
    let program = (await storedDocument()).programs.find((p) => programPath.endsWith(p.id))!;
    expect(
      program.taxonomy.some((t) => t.id === "cuisine-de-rue" && t.label === "Cuisine de rue"),
    ).toBe(true);
    await client.post(`${programPath}/settings`, {
      intent: "tag-rename",
      tagId: "cuisine-de-rue",
      label: "Cuisine de rue solidaire",
      labelEn: "",
    });
    await client.post(`${programPath}/settings`, { intent: "tag-remove", tagId: "ges" });
    program = (await storedDocument()).programs.find((p) => programPath.endsWith(p.id))!;
    expect(program.taxonomy.find((t) => t.id === "cuisine-de-rue")?.label).toBe(
      "Cuisine de rue solidaire",
    );
    expect(program.taxonomy.some((t) => t.id === "ges")).toBe(false);

    const unconfirmed = await client.post(`${programPath}/settings`, { intent: "delete" });
    expect(unconfirmed.status).toBe(400);
    expect(await page(unconfirmed)).toContain("Cochez la case pour confirmer la suppression.");
    const deleted = await client.post(`${programPath}/settings`, {
      intent: "delete",
      confirm: "on",
    });
    expect(location(deleted)).toBe("/dashboard");
    expect((await client.get(programPath)).status).toBe(404);
  });

  it("keeps a subject that profiles use, and a program that has participants", async () => {
    const client = await coordinator();
    const inUse = await client.post(`${PROGRAM}/settings`, {
      intent: "tag-remove",
      tagId: "transport",
    });
    expect(inUse.status).toBe(409);
    expect(await page(inUse)).toMatch(/Ce sujet est utilisé dans \d+ profil/);
    const del = await client.post(`${PROGRAM}/settings`, { intent: "delete", confirm: "on" });
    expect(del.status).toBe(409);
    expect((await client.get(PROGRAM)).status).toBe(200);
  });

  it("refuses a subject name the program already has, next to its field, and stores nothing", async () => {
    const client = await coordinator();
    const taxonomy = async () =>
      (await storedDocument()).programs.find((p) => p.id === PROGRAM_ID)!.taxonomy;
    const before = await taxonomy();
    expect(before.some((t) => t.label === "Transport")).toBe(true);

    // The same French name, in other capitals and accents, with spaces around.
    const again = await client.post(`${PROGRAM}/settings`, {
      intent: "tag-add",
      label: "  TRANSPÔRT ",
      labelEn: "",
    });
    expect(again.status).toBe(400);
    const html = await page(again);
    expect(html).toMatch(
      /<p class="field-error" id="field-label-error">Un sujet porte déjà ce nom\s:\s« Transport »\.<\/p>/,
    );
    // A new French name whose English name is taken (per language, not across languages).
    const english = await client.post(`${PROGRAM}/settings`, {
      intent: "tag-add",
      label: "Camionnage",
      labelEn: "transportation",
    });
    expect(english.status).toBe(400);
    expect(await page(english)).toMatch(
      /id="field-labelEn-error">Un sujet porte déjà ce nom\s:\s« Transportation »\./,
    );
    // A French name without an English one that English readers already see for another
    // subject ("Transportation"): refused at the French field, the one that names it in English.
    const seenInEnglish = await client.post(`${PROGRAM}/settings`, {
      intent: "tag-add",
      label: "Transportation",
      labelEn: "",
    });
    expect(seenInEnglish.status).toBe(400);
    expect(await page(seenInEnglish)).toMatch(
      /id="field-label-error">Un sujet porte déjà ce nom\s:\s« Transportation »\./,
    );
    // Renaming another subject to a name taken: refused on its row.
    const renamed = await client.post(`${PROGRAM}/settings`, {
      intent: "tag-rename",
      tagId: "entreposage",
      label: "transport",
      labelEn: "",
    });
    expect(renamed.status).toBe(400);
    expect(await page(renamed)).toMatch(/id="tag-entreposage-error">Un sujet porte déjà ce nom/);
    expect(await taxonomy()).toEqual(before);
  });

  it("names each subject's label fields for screen readers, in French and English", async () => {
    const client = await coordinator();
    const french = await page(await client.get(`${PROGRAM}/settings`));
    expect(french).toMatch(/aria-label="Libellé en français\s:\sTransport"/);
    expect(french).toMatch(/aria-label="Libellé en anglais \(facultatif\)\s:\sTransport"/);
    client.cookies.set("maillage_lang", "en");
    const english = await page(await client.get(`${PROGRAM}/settings`));
    expect(english).toContain('aria-label="French label: Transport"');
    expect(english).toContain('aria-label="English label (optional): Transport"');
    expect(`${french}${english}`).not.toContain("{t(");
  });

  it("keeps coordinator pages from participants and other coordinators", async () => {
    const louise = new HttpClient(server.url);
    await louise.signIn("louise@exemple.org");
    for (const path of [
      "/programs/new",
      `${PROGRAM}/settings`,
      `${PROGRAM}/applications`,
      `${PROGRAM}/applications/app-granby`,
      `${PROGRAM}/outbox`,
      `${PROGRAM}/invitations`,
    ]) {
      expect((await louise.get(path)).status, path).toBe(403);
    }
    expect((await louise.post(`${PROGRAM}/settings`, { ...programForm })).status).toBe(403);
    expect((await louise.post("/programs/new", programForm)).status).toBe(403);

    const other = new HttpClient(server.url);
    await signUp(other, server.dataDir, {
      name: "Autre Table",
      email: "autre-table@exemple.org",
      password: "mot-de-passe-autre",
    });
    expect((await other.get(PROGRAM)).status).toBe(404);
    expect((await other.get(`${PROGRAM}/applications`)).status).toBe(404);
    expect(
      (
        await other.post(`${PROGRAM}/applications/app-granby`, {
          intent: "decide",
          status: "accepted",
          reason: "ok",
        })
      ).status,
    ).toBe(404);
    const created = await other.post("/programs/new", {
      ...programForm,
      title: "Programme de l'autre table",
    });
    const otherProgram = location(created).replace(/\/settings$/, "");
    expect((await louise.get(otherProgram)).status).toBe(404);
  });
});

const validApplication = {
  intent: "submit",
  email: "info@frigo-levis.exemple.org",
  organizationName: "Le Frigo solidaire de Bellechasse",
  contactName: "Hugo Lapointe",
  contactEmail: "hugo@exemple.org",
  region: "12",
  mrc: "19",
  sector: "Frigo communautaire",
  field: "Réemploi alimentaire",
  role: "mentee",
  concept:
    "Deux frigos communautaires ouverts en 2025 dans des municipalités rurales ; nous voulons organiser la collecte.",
  operations: ["logistics", "transport"],
  operationsText: "Collectes en camionnette deux fois par semaine ; pas d'entrepôt.",
  recentSupport: "yes",
  recentSupportText: "Coaching en gestion de bénévoles, hiver 2026.",
  barriers: "Un seul bénévole fait toutes les collectes.",
  mentoringHelp: "Apprendre à mutualiser les tournées avec d'autres organismes.",
  revisionOpenness: "Entièrement : nous commençons.",
  "need.transport": "3",
  "need.mutualisation": "2",
  needsText: "Mutualiser un véhicule.",
  expertise: ["communication"],
  workingStyle: "structured",
  availability: ["tue-am", "thu-am"],
  competitorsText: "Cuisines partagées de Lévis",
  designatedThroughout: "on",
  canImplement: "on",
  consent: "on",
};

describe("the interest form and preselection", () => {
  it("rejects each invalid field with its own message and stores nothing", async () => {
    const applicant = new HttpClient(server.url);
    const before = (await storedDocument()).applications.length;
    const response = await applicant.post(`/apply/${PROGRAM_ID}`, {
      intent: "submit",
      email: "pas-un-courriel",
      region: "12",
      mrc: "66",
      "need.inconnu": "3",
    });
    expect(response.status).toBe(400);
    const html = await page(response);
    const expected: Record<string, string> = {
      email: "Entrez une adresse courriel valide",
      organizationName: "Ce champ est obligatoire.",
      contactName: "Ce champ est obligatoire.",
      contactEmail: "Ce champ est obligatoire.",
      mrc: "Choisissez une MRC de la région choisie.",
      sector: "Ce champ est obligatoire.",
      role: "Choisissez le rôle recherché.",
      concept: "Ce champ est obligatoire.",
      operations: "Cochez au moins une opération.",
      barriers: "Ce champ est obligatoire.",
      mentoringHelp: "Ce champ est obligatoire.",
      revisionOpenness: "Ce champ est obligatoire.",
      recentSupport: "Répondez oui ou non.",
      availability: "Cochez au moins une plage de disponibilité.",
      consent: "Vous devez accepter les règles de confidentialité pour soumettre.",
    };
    for (const [field, message] of Object.entries(expected)) {
      const match = new RegExp(`id="field-${field}-error">⚠?\\s*([^<]*)<`).exec(html);
      expect(match?.[1], field).toContain(message);
    }
    expect(html).toContain("Ce sujet ne fait pas partie de la liste du programme.");
    expect((await storedDocument()).applications.length).toBe(before);
  });

  it("refills what was sent after a refusal, checkboxes, choices and priorities included", async () => {
    const applicant = new HttpClient(server.url);
    const response = await applicant.post(`/apply/${PROGRAM_ID}`, {
      ...validApplication,
      operations: "transport",
      consent: "",
    });
    expect(response.status).toBe(400);
    const html = await page(response);
    expect(html).toMatch(/<input[^>]*id="field-consent"[^>]*aria-invalid="true"/);
    expect(html).toContain('id="field-consent-error"');
    expect(html).toContain(`value="${validApplication.organizationName}"`);
    const tag = (id: string) => new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? "";
    expect(tag("op-transport")).toContain("checked");
    expect(tag("op-logistics")).not.toContain("checked");
    expect(tag("role-mentee")).toContain("checked");
    expect(tag("style-structured")).toContain("checked");
    expect(tag("field-canImplement")).toContain("checked");
    const priority = (id: string) =>
      new RegExp(`<select[^>]*id="need-${id}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? "";
    expect(priority("transport")).toMatch(/<option value="3" selected="">/);
    expect(priority("mutualisation")).toMatch(/<option value="2" selected="">/);
  });

  it("saves a draft by a private link, then submits it", async () => {
    const applicant = new HttpClient(server.url);
    const draft = await applicant.post(`/apply/${PROGRAM_ID}`, {
      intent: "draft",
      email: "brouillon@exemple.org",
      organizationName: "Organisme en brouillon",
      "need.transport": "2",
    });
    expect(draft.status).toBe(302);
    const resume = location(draft);
    expect(resume).toMatch(/^\/apply\/prog-reemploi-2026\?draft=[\w-]{32}&saved=1$/);
    const resumed = await page(await applicant.get(resume));
    expect(resumed).toContain("Brouillon enregistré.");
    expect(resumed).toContain('value="Organisme en brouillon"');
    expect(resumed).toMatch(
      /<select[^>]*id="need-transport"[^>]*>.*?<option value="2" selected="">/,
    );
    const token = /draft=([\w-]{32})/.exec(resume)![1]!;
    expect(
      (await outbox()).some(
        (m) => m.to === "brouillon@exemple.org" && m.text.includes(`/application/${token}`),
      ),
    ).toBe(true);
    expect(await page(await applicant.get(`/application/${token}`))).toContain("Brouillon");

    const submitted = await applicant.post(`/apply/${PROGRAM_ID}`, {
      ...validApplication,
      email: "brouillon@exemple.org",
      organizationName: "Organisme en brouillon",
      draft: token,
    });
    expect(submitted.status).toBe(302);
    expect(location(submitted)).toBe(`/application/${token}?submitted=1`);
    const doc = await storedDocument();
    const stored = doc.applications.filter((a) => a.organizationName === "Organisme en brouillon");
    expect(stored.map((a) => a.status)).toEqual(["submitted"]);
    // The privacy page accepted with the submission (not with the draft): its version and when.
    const consented = stored[0] as unknown as { privacyConsent?: unknown; submittedAt?: string };
    expect(consented.privacyConsent).toEqual({
      acceptedAt: consented.submittedAt,
      version: PRIVACY_VERSION,
    });
    // A submitted application cannot be changed through its draft link.
    const again = await applicant.post(`/apply/${PROGRAM_ID}`, {
      ...validApplication,
      draft: token,
    });
    expect(again.status).toBe(409);
  });

  it("a draft saved without an address says nothing was e-mailed; its link goes out once an address is given", async () => {
    const applicant = new HttpClient(server.url);
    const first = await applicant.post(`/apply/${PROGRAM_ID}`, {
      intent: "draft",
      organizationName: "Organisme sans adresse",
    });
    const resume = location(first);
    const token = /draft=([\w-]{32})/.exec(resume)![1]!;
    const kept = await page(await applicant.get(resume));
    expect(kept).toContain("sans adresse courriel dans le formulaire, nous ne pouvons pas");
    expect(kept).not.toContain("elle vous a aussi été envoyée par courriel");
    const mailed = async () =>
      (await outbox()).filter((m) => m.text.includes(`/application/${token}`)).map((m) => m.to);
    expect(await mailed()).toEqual([]);

    // The address added to the same draft: its link is sent, once, and the page says so.
    for (let i = 0; i < 2; i++) {
      const again = await applicant.post(`/apply/${PROGRAM_ID}`, {
        intent: "draft",
        draft: token,
        organizationName: "Organisme sans adresse",
        email: "plus.tard@exemple.org",
      });
      expect(location(again)).toBe(resume);
    }
    expect(await mailed()).toEqual(["plus.tard@exemple.org"]);
    expect(await page(await applicant.get(resume))).toContain(
      "elle vous a aussi été envoyée par courriel",
    );
  });

  it("takes a valid application, lets the coordinator score and accept it, and the person joins", async () => {
    const applicant = new HttpClient(server.url);
    const submitted = await applicant.post(`/apply/${PROGRAM_ID}`, validApplication);
    expect(submitted.status).toBe(302);
    const statusPath = location(submitted).replace("?submitted=1", "");
    const status = await page(await applicant.get(location(submitted)));
    expect(status).toContain("a bien été reçue");
    expect(status).toContain("À évaluer");
    expect(
      (await outbox()).some(
        (m) => m.to === "info@frigo-levis.exemple.org" && m.subject.startsWith("Candidature reçue"),
      ),
    ).toBe(true);

    const client = await coordinator();
    const list = await page(await client.get(`${PROGRAM}/applications?role=mentee&sort=date`));
    const id = new RegExp(`applications/(app-[\\w-]+)">Le Frigo solidaire de Bellechasse`).exec(
      list,
    )?.[1];
    expect(id).toBeTruthy();
    const detailPath = `${PROGRAM}/applications/${id}`;

    const badScore = await client.post(detailPath, { intent: "score", "score.foodAccess": "5" });
    expect(badScore.status).toBe(400);
    const scores: Record<string, string> = { intent: "score" };
    for (const [i, c] of [
      "foodAccess",
      "themeFit",
      "projectQuality",
      "stage",
      "openness",
      "impact",
      "partnerships",
    ].entries()) {
      scores[`score.${c}`] = String(i % 4);
      scores[`comment.${c}`] = i === 0 ? "Aucun lien direct avec l'accès." : "";
    }
    expect((await client.post(detailPath, scores)).status).toBe(200);
    const sorted = await page(await client.get(`${PROGRAM}/applications?sort=score`));
    expect(sorted).toContain("9 / 21");
    expect(sorted.indexOf("La Boîte à lunch solidaire de Granby")).toBeLessThan(
      sorted.indexOf("Le Frigo solidaire de Bellechasse"),
    );

    const noReason = await client.post(detailPath, {
      intent: "decide",
      status: "accepted",
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect(await page(noReason)).toContain('id="field-reason-error"');
    const accepted = await client.post(detailPath, {
      intent: "decide",
      status: "accepted",
      reason: "Bienvenue dans la cohorte !",
    });
    expect(accepted.status).toBe(200);
    expect(await page(await applicant.get(statusPath))).toContain("Bienvenue dans la cohorte !");

    const mail = (await outbox()).find(
      (m) => m.to === "hugo@exemple.org" && m.subject.startsWith("Candidature acceptée"),
    );
    const invitation = /\/invitation\/[\w-]{32}/.exec(mail?.text ?? "")?.[0];
    expect(invitation).toBeTruthy();
    const outboxPage = await page(await client.get(`${PROGRAM}/outbox`));
    expect(outboxPage).toContain("Candidature acceptée");

    const hugo = new HttpClient(server.url);
    const form = await page(await hugo.get(invitation!));
    expect(form).toContain("viennent de votre candidature");
    const joined = await hugo.post(invitation!, {
      name: "Hugo Lapointe",
      email: "hugo@exemple.org",
      password: "mot-de-passe-hugo",
    });
    expect(joined.status).toBe(302);
    expect(location(joined)).toBe(`${PROGRAM}/profile`);
    const doc = await storedDocument();
    const org = doc.organizations.find((o) => o.name === "Le Frigo solidaire de Bellechasse")!;
    expect(org.competitorIds).toContain("org-mathieu"); // "Cuisines partagées de Lévis", matched by name
    const directory = await page(await hugo.get(`${PROGRAM}/directory?tag=mutualisation`));
    expect(directory).toContain("Hugo Lapointe");
    expect(directory).toContain("Louise Bérubé"); // expertise in mutualisation
    expect(directory).not.toContain("Karine Caron");
  });

  it("withdraws the invitation when an accepted application is then rejected, and accepts once under a race", async () => {
    const applicant = new HttpClient(server.url);
    const submitted = await applicant.post(`/apply/${PROGRAM_ID}`, {
      ...validApplication,
      organizationName: "Le Garde-manger de Montmagny",
      email: "gm@exemple.org",
      contactEmail: "gm-contact@exemple.org",
    });
    expect(submitted.status).toBe(302);
    const client = await coordinator();
    const list = await page(await client.get(`${PROGRAM}/applications?sort=date`));
    const id = /applications\/(app-[\w-]+)">Le Garde-manger de Montmagny/.exec(list)![1]!;
    const detail = `${PROGRAM}/applications/${id}`;
    const accepts = await Promise.all(
      [1, 2, 3].map(() =>
        client.post(detail, { intent: "decide", status: "accepted", reason: "Oui" }),
      ),
    );
    expect(accepts.map((r) => r.status)).toEqual([200, 200, 200]);
    const invitations = (await outbox()).filter(
      (m) => m.to === "gm-contact@exemple.org" && m.subject.startsWith("Candidature acceptée"),
    );
    expect(invitations).toHaveLength(1);
    const link = /\/invitation\/[\w-]{32}/.exec(invitations[0]!.text)![0];

    await client.post(detail, { intent: "decide", status: "rejected", reason: "Finalement, non." });
    const newcomer = new HttpClient(server.url);
    expect(await page(await newcomer.get(link))).toContain("Ce lien d'invitation a expiré.");
    const join = await newcomer.post(link, {
      name: "X Y",
      email: "gm-contact@exemple.org",
      password: "mot-de-passe-gm",
    });
    expect(join.status).toBe(400);
    expect((await storedDocument()).participants.some((p) => p.userId.includes("gm"))).toBe(false);
  });

  it("lets a participant edit needs, kept sorted by their priority, and publish them", async () => {
    const amelie = new HttpClient(server.url);
    await amelie.signIn("amelie@exemple.org");
    const base = {
      intent: "save",
      sector: "Cuisine collective",
      field: "",
      needTag: ["commercialisation", "tarification", "communication"],
      needPriority: ["3", "2", "1"],
      needsText: "",
      expertise: ["evenements"],
      expertiseText: "",
      workingStyle: "intuitive",
      availability: ["mon-pm"],
      published: "on",
    };
    // One notion (ADR 0033): raising a need's priority moves it up; no arrows to disagree with it.
    expect(
      (await amelie.post(`${PROGRAM}/profile`, { ...base, needPriority: ["2", "3", "1"] })).status,
    ).toBe(200);
    let amelieProfile = (await storedDocument()).participants.find((p) => p.userId === "u-amelie")!;
    expect(amelieProfile.profile.needs).toEqual([
      { tag: "tarification", priority: 3 },
      { tag: "commercialisation", priority: 2 },
      { tag: "communication", priority: 1 },
    ]);
    expect((await amelie.post(`${PROGRAM}/profile`, { ...base, intent: "down:0" })).status).toBe(
      400,
    );
    await amelie.post(`${PROGRAM}/profile`, {
      ...base,
      intent: "add",
      newNeedTag: "financement",
      newNeedPriority: "3",
    });
    await amelie.post(`${PROGRAM}/profile`, {
      ...base,
      needTag: ["commercialisation", "tarification", "communication", "financement"],
      needPriority: ["3", "2", "1", "3"],
      intent: "remove:2",
    });
    amelieProfile = (await storedDocument()).participants.find((p) => p.userId === "u-amelie")!;
    expect(amelieProfile.profile.needs.map((n) => n.tag)).toEqual([
      "commercialisation",
      "financement",
      "tarification",
    ]);
    const invalid = await amelie.post(`${PROGRAM}/profile`, {
      ...base,
      sector: "",
      expertise: ["pas-un-sujet"],
    });
    expect(invalid.status).toBe(400);
    expect(await page(invalid)).toContain("Ce sujet ne fait pas partie de la liste du programme.");
    const coordinatorClient = await coordinator();
    expect((await coordinatorClient.get(`${PROGRAM}/profile`)).status).toBe(403);
  });

  it("limits how often one connection can save the public form", async () => {
    const own = await startServer();
    try {
      const applicant = new HttpClient(own.url);
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        statuses.push(
          (
            await applicant.post(`/apply/${PROGRAM_ID}`, {
              intent: "draft",
              organizationName: `Brouillon ${i}`,
            })
          ).status,
        );
      }
      expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      await own.stop();
    }
  });

  it("filters the directory by subject, role, region and style, hiding contact details", async () => {
    const louise = new HttpClient(server.url);
    await louise.signIn("louise@exemple.org");
    const names = async (query: string) => {
      const html = await page(await louise.get(`${PROGRAM}/directory${query}`));
      return [...html.matchAll(/<h2 class="card-title">([^<]+)</g)].map((m) => m[1]!.trim());
    };
    expect(await names("?role=mentor")).toEqual(
      expect.arrayContaining(["Louise Bérubé", "Marc Tremblay", "Yves Lachance"]),
    );
    expect(await names("?role=mentor")).not.toContain("Amélie Roy");
    expect(await names("?region=05")).toEqual(
      expect.arrayContaining(["Benoît Girard", "Chloé Pelletier"]),
    );
    expect((await names("?region=05")).length).toBe(2);
    const chaine = await names("?tag=chaine-froid&role=mentee");
    expect(chaine).toEqual(expect.arrayContaining(["Benoît Girard", "Mathieu Bélanger"]));
    expect(chaine).not.toContain("Marc Tremblay");
    expect(await names("?style=structured&role=mentor")).toEqual(
      expect.arrayContaining(["Louise Bérubé", "Marc Tremblay", "Sylvie Côté"]),
    );
    expect(await names("?role=chef")).toContain("Amélie Roy"); // an unknown filter value is ignored
    // Filters that match nobody say so and offer to clear them; no filter, no such message.
    const empty = await page(await louise.get(`${PROGRAM}/directory?role=peer&region=09`));
    expect(empty).toContain("0 profil.");
    expect(empty).toContain("Aucun profil ne correspond à ces filtres.");
    expect(empty).toMatch(
      /href="\/programs\/prog-reemploi-2026\/directory"[^>]*>Effacer les filtres et voir tous les profils</,
    );
    expect(await page(await louise.get(`${PROGRAM}/directory`))).not.toContain(
      "Aucun profil ne correspond",
    );
    const html = await page(await louise.get(`${PROGRAM}/directory`));
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)![1]!;
    expect(main).not.toContain("@exemple.org");
    expect(html).toMatch(
      /Très bonne complémentarité|Bonne complémentarité|Complémentarité modeste/,
    );
    expect(html).not.toMatch(/<meter|sur 100/);
    // With what makes the fit, from the published profiles only (Louise's expertise, Benoît's need).
    expect(html).toMatch(/Votre expertise couvre ses besoins : [^<]*Entreposage/);
  });
});
