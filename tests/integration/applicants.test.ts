/**
 * The interest form keeps the program's organizations to itself (#20): anonymous applicants name
 * competitors in words and coordinators map them; signed-in people get their name and address
 * pre-filled, and see their pending applications on their dashboard.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, location, pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { outboxMessages } from "../helpers/store-snapshot";

let server: TestServer;
const PROGRAM_ID = "prog-reemploi-2026";
const PROGRAM = `/programs/${PROGRAM_ID}`;
const APPLICANT = "gabrielle@exemple.org";

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Stored {
  participants: Array<{ programId: string; organizationId: string }>;
  organizations: Array<{ id: string; name: string; competitorIds: string[] }>;
  applications: Array<{
    id: string;
    organizationName: string;
    competitorOrgIds: string[];
    status: string;
  }>;
}
async function stored() {
  return JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as Stored;
}
/** The names of the organizations taking part in the demo program. */
async function programOrganizationNames() {
  const doc = await stored();
  const ids = new Set(
    doc.participants.filter((p) => p.programId === PROGRAM_ID).map((p) => p.organizationId),
  );
  return doc.organizations.filter((o) => ids.has(o.id)).map((o) => o.name);
}

const application = {
  intent: "submit",
  email: "info@cuisine-rimouski.exemple.org",
  organizationName: "La Cuisine solidaire de Rimouski",
  contactName: "Rose Gagnon",
  contactEmail: "rose.gagnon@cuisine-rimouski.exemple.org",
  region: "01",
  mrc: "07",
  sector: "Cuisine collective",
  role: "mentee",
  concept: "Des repas préparés avec les invendus des épiceries pour les familles du quartier.",
  operations: ["logistics"],
  recentSupport: "no",
  barriers: "Pas de véhicule réfrigéré pour les collectes.",
  mentoringHelp: "Apprendre la chaîne de froid d'un organisme voisin.",
  revisionOpenness: "Entièrement.",
  "need.transport": "3",
  workingStyle: "structured",
  availability: ["tue-am"],
  // Matches "Cuisines partagées de Lévis" by name: the coordinator's mapping will decide.
  competitorsText: "Cuisines partagées de Lévis",
  designatedThroughout: "on",
  canImplement: "on",
  consent: "on",
};

describe("the public interest form names no organization", () => {
  it("sends no participating organization's name to an anonymous visitor, in the page or its data", async () => {
    const names = await programOrganizationNames();
    expect(names.length).toBeGreaterThan(10);
    const visitor = new HttpClient(server.url);
    const html = await pageText(await visitor.get(`/apply/${PROGRAM_ID}`));
    expect(html).toContain('name="competitorsText"');
    expect(html).not.toContain('name="competitorOrgIds"');
    const data = await (await visitor.get(`/apply/${PROGRAM_ID}.data`)).text();
    expect(data).toContain("Maillages et mentorat 2026-2027"); // the program's data is there
    for (const name of names) {
      expect(html, name).not.toContain(name);
      expect(data, name).not.toContain(name);
    }
  });

  it("refuses a checked organization from an anonymous visitor and stores nothing", async () => {
    const before = (await stored()).applications.length;
    const response = await new HttpClient(server.url).post(`/apply/${PROGRAM_ID}`, {
      ...application,
      competitorOrgIds: ["org-louise"],
    });
    expect(response.status).toBe(400);
    expect((await stored()).applications.length).toBe(before);
  });

  it("keeps the checklist for the program's signed-in participants, their own organization left out", async () => {
    const amelie = await signedIn(server.url, "amelie@exemple.org");
    const html = await pageText(await amelie.get(`/apply/${PROGRAM_ID}`));
    expect(html).toContain('name="competitorOrgIds"');
    expect(html).toContain('value="org-louise"');
    expect(html).not.toContain('value="org-amelie"');
  });

  it("shows no organization to a signed-in person outside the program", async () => {
    const gabrielle = await signedIn(server.url, APPLICANT);
    const html = await pageText(await gabrielle.get(`/apply/${PROGRAM_ID}`));
    expect(html).not.toContain('name="competitorOrgIds"');
    for (const name of await programOrganizationNames()) expect(html, name).not.toContain(name);
  });
});

describe("the coordinator maps competitors named in words", () => {
  it("stores the mapping, which the organization gets when the person joins", async () => {
    const submitted = await new HttpClient(server.url).post(`/apply/${PROGRAM_ID}`, application);
    expect(submitted.status).toBe(302);
    const id = (await stored()).applications.find(
      (a) => a.organizationName === application.organizationName,
    )!.id;
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const detail = `${PROGRAM}/applications/${id}`;
    const page = await pageText(await coordinator.get(detail));
    expect(page).toContain("Cuisines partagées de Lévis");
    // The name typed is recognized and checked before the coordinator decides.
    expect(page).toMatch(/<input[^>]*id="comp-org-mathieu"[^>]*checked/);

    const unknown = await coordinator.post(detail, {
      intent: "competitors",
      competitorOrgIds: ["org-inconnu"],
    });
    expect(unknown.status).toBe(400);
    expect((await stored()).applications.find((a) => a.id === id)!.competitorOrgIds).toEqual([]);

    // The coordinator decides the name meant another organization.
    const mapped = await coordinator.post(detail, {
      intent: "competitors",
      competitorOrgIds: ["org-louise"],
    });
    expect(mapped.status).toBe(200);
    expect(await pageText(mapped)).toContain("Organismes concurrents enregistrés.");
    expect((await stored()).applications.find((a) => a.id === id)!.competitorOrgIds).toEqual([
      "org-louise",
    ]);

    const accepted = await coordinator.post(detail, {
      intent: "decide",
      status: "accepted",
      reason: "Bienvenue !",
    });
    expect(accepted.status).toBe(200);
    let invitation = "";
    for (const mail of await outboxMessages({ engine: "lowdb", dataDir: server.dataDir })) {
      const link = /\/invitation\/[\w-]{32}/.exec(mail.text)?.[0];
      if (mail.to === application.contactEmail && link) invitation = link;
    }
    expect(invitation).toBeTruthy();
    const rose = new HttpClient(server.url);
    const joined = await rose.post(invitation, {
      name: "Rose Gagnon",
      email: application.contactEmail,
      password: "mot-de-passe-rose",
    });
    expect(joined.status).toBe(302);
    const org = (await stored()).organizations.find(
      (o) => o.name === application.organizationName,
    )!;
    expect(org.competitorIds).toEqual(["org-louise"]);

    // Once joined, the person keeps their competitors in their profile: the mapping is closed.
    const late = await coordinator.post(detail, {
      intent: "competitors",
      competitorOrgIds: ["org-marc"],
    });
    expect(late.status).toBe(409);
    expect(await pageText(late)).toContain("ses organismes concurrents se gèrent maintenant");
  });
});

describe("a signed-in applicant", () => {
  it("finds the interest form pre-filled with their name and address", async () => {
    const gabrielle = await signedIn(server.url, APPLICANT);
    const html = await pageText(await gabrielle.get(`/apply/${PROGRAM_ID}`));
    expect(html).toMatch(/<input[^>]*name="contactName"[^>]*value="Gabrielle Vigneault"/);
    expect(html).toMatch(/<input[^>]*name="contactEmail"[^>]*value="gabrielle@exemple.org"/);
    // Not for anyone else.
    const anonymous = await pageText(await new HttpClient(server.url).get(`/apply/${PROGRAM_ID}`));
    expect(anonymous).not.toContain("Gabrielle Vigneault");
  });

  it("sees their pending application on the dashboard, with its status page; no one else does", async () => {
    const gabrielle = await signedIn(server.url, APPLICANT);
    const dashboard = await pageText(await gabrielle.get("/dashboard"));
    expect(dashboard).toContain("Vos candidatures en cours");
    expect(dashboard).toContain("Frigo-Partage de Sept-Îles");
    expect(dashboard).toContain('href="/applications/app-sept-iles"');
    const status = await gabrielle.get("/applications/app-sept-iles");
    expect(status.status).toBe(200);
    const text = await pageText(status);
    expect(text).toContain("Maillages et mentorat 2026-2027");
    expect(text).toContain("À évaluer");

    const amelie = await signedIn(server.url, "amelie@exemple.org");
    expect(await pageText(await amelie.get("/dashboard"))).not.toContain(
      "Vos candidatures en cours",
    );
    expect((await amelie.get("/applications/app-sept-iles")).status).toBe(404);
    expect(location(await new HttpClient(server.url).get("/applications/app-sept-iles"))).toMatch(
      /^\/login/,
    );
  });

  it("sees an application sent while signed in, once submitted (not as a draft)", async () => {
    const gabrielle = await signedIn(server.url, APPLICANT);
    const draft = await gabrielle.post(`/apply/${PROGRAM_ID}`, {
      intent: "draft",
      email: APPLICANT,
      organizationName: "Deuxième projet de Gabrielle",
    });
    expect(draft.status).toBe(302);
    expect(await pageText(await gabrielle.get("/dashboard"))).not.toContain(
      "Deuxième projet de Gabrielle",
    );
    const sent = await gabrielle.post(`/apply/${PROGRAM_ID}`, {
      ...application,
      organizationName: "Deuxième projet de Gabrielle",
      email: APPLICANT,
      contactName: "Gabrielle Vigneault",
      contactEmail: APPLICANT,
      competitorsText: "",
    });
    expect(sent.status).toBe(302);
    expect(await pageText(await gabrielle.get("/dashboard"))).toContain(
      "Deuxième projet de Gabrielle",
    );
  });
});
