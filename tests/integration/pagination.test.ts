/**
 * Long lists come a page at a time (50 rows, 24 directory cards, 10 report groups): the
 * coordinator's applications list, the program's directory, the coordinator's participant list and
 * the report's per-group tables, on a store grown with the bench's seed (tests/bench/scale-seed.ts)
 * to a few pages of each.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PROGRAM_ID } from "../../server/seeds/demo";
import { scaleStore, writeScaleStore, type ScaleStore } from "../bench/scale-seed";
import { HttpClient, pageText } from "../helpers/http";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";

const PROGRAM = `/programs/${DEMO_PROGRAM_ID}`;
const PER_PAGE = 50;
const CARDS_PER_PAGE = 24;
const GROUPS_PER_PAGE = 10;
/** Five tools on one theme, more than the report names per theme; first in French order. */
const TRANSPORT_TOOLS = [1, 2, 3, 4, 5].map((n) => `Affiche de collecte ${n}`);

let server: TestServer;
let dataDir: string;
let store: ScaleStore;
let coordinator: HttpClient;

beforeAll(async () => {
  store = await scaleStore({ participants: 140, groups: 22, meetings: 20, chatMessages: 5 });
  for (const [i, title] of TRANSPORT_TOOLS.entries()) {
    store.doc.tools.push({
      id: `tool-transport-${i}`,
      programId: DEMO_PROGRAM_ID,
      title,
      description: "Ajouté par la coordination.",
      theme: "transport",
      programWide: true,
      createdAt: "2026-10-01T12:00:00.000Z",
    });
  }
  dataDir = await makeTempDir("maillage-pagination-");
  await writeScaleStore(dataDir, store);
  server = await startServer({ dataDir });
  coordinator = new HttpClient(server.url);
  await coordinator.signIn("coordination@exemple.org");
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (dataDir) await removeDir(dataDir);
});

/** Spaces of any kind (numbers are formatted with narrow no-break spaces) as plain spaces. */
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ");

async function get(path: string, client = coordinator) {
  const response = await client.get(path);
  expect(response.status, path).toBe(200);
  return plain(await pageText(response));
}

const applicationIds = (html: string) =>
  [...html.matchAll(/href="[^"]*\/applications\/([\w-]+)"/g)].map((m) => m[1]!);
const cardNames = (html: string) =>
  [...html.matchAll(/<h2 class="card-title">([^<]+)/g)].map((m) => m[1]!.trim());
const participantEmails = (html: string) =>
  [...html.matchAll(/<span class="muted">([^<@]+@[^<]+)<\/span>/g)].map((m) => m[1]!);
/** The hrefs of the pager's links, entities decoded. */
const pagerLinks = (html: string) => {
  const nav = /<nav class="pager"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
};

function submittedApplications(filter: (a: ScaleStore["doc"]["applications"][number]) => boolean) {
  return store.doc.applications.filter(
    (a) => a.programId === DEMO_PROGRAM_ID && a.status !== "draft" && filter(a),
  );
}

describe("applications list", () => {
  it("shows 50 rows, the total and the pager; the pages together list every application once", async () => {
    const all = submittedApplications(() => true);
    const pages = Math.ceil(all.length / PER_PAGE);
    expect(pages).toBeGreaterThanOrEqual(3);

    const first = await get(`${PROGRAM}/applications`);
    expect(applicationIds(first)).toHaveLength(PER_PAGE);
    expect(first).toContain(`${all.length} candidatures`);
    expect(first).toContain(`1 à 50 affichés sur ${all.length}.`);
    expect(first).toContain(`Page 1 sur ${pages}`);
    expect(first).toContain('<nav class="pager" aria-label="Pages des candidatures">');
    expect(first).toMatch(/<a aria-label="Page 1" aria-current="page"[^>]*>1<\/a>/);
    expect(first).toContain('rel="next"');

    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const html = page === 1 ? first : await get(`${PROGRAM}/applications?page=${page}`);
      const ids = applicationIds(html);
      expect(ids.length).toBe(page < pages ? PER_PAGE : all.length - PER_PAGE * (pages - 1));
      expect(html).toMatch(new RegExp(`aria-label="Page ${page}" aria-current="page"`));
      seen.push(...ids);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.map((a) => a.id).sort());
  });

  it("page 2 continues the sort where page 1 stopped", async () => {
    const byName = await get(`${PROGRAM}/applications?sort=name`);
    const next = await get(`${PROGRAM}/applications?sort=name&page=2`);
    const nameOf = new Map(store.doc.applications.map((a) => [a.id, a.organizationName]));
    const names = [...applicationIds(byName), ...applicationIds(next)].map((id) => nameOf.get(id)!);
    expect(names).toEqual([...names].sort(new Intl.Collator("fr").compare));
    expect(next).toContain(`51 à 100 affichés sur`);
    expect(next).toContain('rel="prev"');
  });

  it("keeps the filters and the sort in the pager's links and pages the filtered list", async () => {
    const mentees = submittedApplications((a) => a.role === "mentee");
    expect(mentees.length).toBeGreaterThan(PER_PAGE);
    const html = await get(`${PROGRAM}/applications?role=mentee&sort=date`);
    expect(html).toContain(`${mentees.length} candidatures`);
    const links = pagerLinks(html);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link).toContain("role=mentee");
      expect(link).toContain("sort=date");
    }
    const next = links.find((l) => l.includes("page=2"))!;
    const second = await get(next);
    const menteeIds = new Set(mentees.map((a) => a.id));
    const ids = applicationIds(second);
    expect(ids.length).toBe(Math.min(PER_PAGE, mentees.length - PER_PAGE));
    expect(ids.every((id) => menteeIds.has(id))).toBe(true);
    expect(ids.some((id) => applicationIds(html).includes(id))).toBe(false);
  });

  it("clamps a page past the end to the last page and reads garbage as page 1", async () => {
    const all = submittedApplications(() => true);
    const pages = Math.ceil(all.length / PER_PAGE);
    const last = await get(`${PROGRAM}/applications?page=${pages}`);
    const beyond = await get(`${PROGRAM}/applications?page=999`);
    expect(beyond).toContain(`Page ${pages} sur ${pages}`);
    expect(applicationIds(beyond)).toEqual(applicationIds(last));

    const first = applicationIds(await get(`${PROGRAM}/applications`));
    for (const garbage of ["abc", "0", "-2", "2.5", "1e400", "", "%00", "99999999999999999999"]) {
      const html = await get(`${PROGRAM}/applications?page=${garbage}`);
      expect(applicationIds(html), garbage).toEqual(first);
    }
    // Several page parameters: the first counts, nothing fails.
    await get(`${PROGRAM}/applications?page=2&page=x`);
  });

  it("speaks English with the language cookie", async () => {
    const client = new HttpClient(server.url);
    client.cookies.set("maillage_lang", "en");
    await client.signIn("coordination@exemple.org");
    const html = await get(`${PROGRAM}/applications?page=2`, client);
    const total = submittedApplications(() => true).length;
    expect(html).toContain(`Page 2 of ${Math.ceil(total / PER_PAGE)}`);
    expect(html).toContain(`Showing 51 to 100 of ${total}.`);
    expect(html).toContain('aria-label="Application pages"');
    expect(html).toContain("Previous page");
    expect(html).toContain("Next page");
  });
});

describe("directory", () => {
  const published = () =>
    store.doc.participants.filter((p) => p.programId === DEMO_PROGRAM_ID && p.published);
  const nameOf = (userId: string) => store.doc.users.find((u) => u.id === userId)!.name;

  it("shows 24 cards and the total; all pages together show every published profile", async () => {
    const expected = published().map((p) => nameOf(p.userId));
    const pages = Math.ceil(expected.length / CARDS_PER_PAGE);
    expect(pages).toBeGreaterThanOrEqual(2);
    const names: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const html = await get(`${PROGRAM}/directory?page=${page}`);
      expect(html).toContain(`${expected.length} profils.`);
      expect(html).toContain(`Page ${page} sur ${pages}`);
      expect(html).toContain('aria-label="Pages de l\'annuaire"');
      const cards = cardNames(html);
      expect(cards.length).toBe(
        page < pages ? CARDS_PER_PAGE : expected.length - CARDS_PER_PAGE * (pages - 1),
      );
      names.push(...cards);
    }
    expect(names.sort()).toEqual(expected.sort());
  });

  it("keeps the role filter across pages", async () => {
    const mentees = published().filter((p) => p.role === "mentee");
    expect(mentees.length).toBeGreaterThan(CARDS_PER_PAGE);
    const html = await get(`${PROGRAM}/directory?role=mentee`);
    expect(html).toContain(`${mentees.length} profils.`);
    const links = pagerLinks(html);
    expect(links.every((l) => l.includes("role=mentee"))).toBe(true);
    const second = await get(links.find((l) => l.includes("page=2"))!);
    const menteeNames = new Set(mentees.map((p) => nameOf(p.userId)));
    const cards = cardNames(second);
    expect(cards.length).toBe(Math.min(CARDS_PER_PAGE, mentees.length - CARDS_PER_PAGE));
    expect(cards.every((n) => menteeNames.has(n))).toBe(true);
    expect(second).not.toContain(">Mentor · ");
  });

  it("a participant's own card opens page 1 and the fit order goes on across pages", async () => {
    const client = new HttpClient(server.url);
    await client.signIn("louise@exemple.org");
    const first = await get(`${PROGRAM}/directory`, client);
    expect(first.indexOf('class="card card--self"')).toBeGreaterThan(-1);
    expect(first.indexOf('class="card card--self"')).toBeLessThan(first.indexOf('class="card"'));
    // Fits read as levels, never as numbers (core/data/plain-words.ts): high, then medium, then low.
    const rank = { high: 2, medium: 1, low: 0 } as const;
    const fits = (html: string) =>
      [...html.matchAll(/<p class="fit fit--(high|medium|low)">/g)].map(
        (m) => rank[m[1] as keyof typeof rank],
      );
    const second = await get(`${PROGRAM}/directory?page=2`, client);
    expect(second).not.toContain("card--self");
    const all = [...fits(first), ...fits(second)];
    expect(all.length).toBeGreaterThan(CARDS_PER_PAGE);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(first).not.toMatch(/<meter|sur 100/);
    await get(`${PROGRAM}/directory?page=999`, client);
    await get(`${PROGRAM}/directory?page=abc&role=mentor`, client);
  });
});

describe("coordinator's participant list", () => {
  it("pages the program's participants, keeps the figures for all of them", async () => {
    const members = store.doc.participants.filter((p) => p.programId === DEMO_PROGRAM_ID);
    const emailOf = new Map(store.doc.users.map((u) => [u.id, u.email]));
    const pages = Math.ceil(members.length / PER_PAGE);
    const emails: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const html = await get(`${PROGRAM}?page=${page}`);
      expect(html).toContain(`${members.length} participants au programme.`);
      expect(html).toContain(`<dd>${members.length}</dd>`);
      expect(html).toContain(`Page ${page} sur ${pages}`);
      // The links bring the reader back to the list, not to the top of the page.
      expect(pagerLinks(html).every((l) => l.endsWith("#participants"))).toBe(true);
      const found = participantEmails(html);
      expect(found.length).toBe(page < pages ? PER_PAGE : members.length - PER_PAGE * (pages - 1));
      emails.push(...found);
    }
    expect(emails.sort()).toEqual(members.map((p) => emailOf.get(p.userId)!).sort());
    const beyond = await get(`${PROGRAM}?page=999`);
    expect(beyond).toContain(`Page ${pages} sur ${pages}`);
    const garbage = await get(`${PROGRAM}?page=abc`);
    expect(garbage).toContain(`Page 1 sur ${pages}`);
  });
});

describe("program report", () => {
  const groups = () => store.doc.groups.filter((g) => g.programId === DEMO_PROGRAM_ID);
  /** The row headers of the table with this caption. */
  const rowsOf = (html: string, caption: string) => {
    const table = new RegExp(`<caption>${caption}</caption>[\\s\\S]*?</table>`).exec(html)?.[0];
    const body = /<tbody>[\s\S]*?<\/tbody>/.exec(table ?? "")?.[0] ?? "";
    return [...body.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]!);
  };

  it("shows the per-group tables ten groups at a time, with totals for all of them", async () => {
    const total = groups().length;
    const pages = Math.ceil(total / GROUPS_PER_PAGE);
    expect(pages).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const html = await get(`${PROGRAM}/report${page > 1 ? `?page=${page}` : ""}`);
      const from = (page - 1) * GROUPS_PER_PAGE + 1;
      const to = Math.min(total, page * GROUPS_PER_PAGE);
      expect(html).toContain(`montrent les groupes ${from} à ${to} sur ${total}`);
      expect(html).toContain('aria-label="Pages des groupes du rapport"');
      // The summary counts every group, whatever the page.
      expect(html).toMatch(new RegExp(`<dt>Groupes</dt><dd>${total}</dd>`));
      const composition = rowsOf(html, "Composition des groupes");
      expect(composition).toHaveLength(to - from + 1);
      // The meetings and hours tables show the same groups as the composition table.
      expect(rowsOf(html, "Rencontres par groupe et par statut")).toEqual(composition);
      seen.push(...composition);
    }
    expect(seen).toHaveLength(total);
  });

  it("shows every group on one page on request, and reads a bad query as the first page", async () => {
    const total = groups().length;
    const all = await get(`${PROGRAM}/report?groups=all`);
    expect(rowsOf(all, "Composition des groupes")).toHaveLength(total);
    expect(all).toContain(`Les tableaux et graphiques montrent les ${total} groupes.`);
    expect(all).not.toContain('aria-label="Pages des groupes du rapport"');
    for (const query of ["?groups=tout", "?page=abc", "?page=-2"]) {
      const html = await get(`${PROGRAM}/report${query}`);
      expect(rowsOf(html, "Composition des groupes"), query).toHaveLength(GROUPS_PER_PAGE);
      expect(html).toContain(`montrent les groupes 1 à ${GROUPS_PER_PAGE} sur ${total}`);
    }
  });

  it("names a group from the second page and stays on that page", async () => {
    const total = groups().length;
    const second = await get(`${PROGRAM}/report?page=2`);
    const groupId = /name="groupId" value="([\w-]+)"/.exec(second)![1]!;
    const response = await coordinator.post(`${PROGRAM}/report?page=2`, {
      intent: "label",
      groupId,
      label: "Entreposage partagé",
    });
    expect(response.status).toBe(200);
    const html = plain(await pageText(response));
    expect(html).toContain("Le nom du groupe est enregistré.");
    expect(html).toContain(
      `montrent les groupes ${GROUPS_PER_PAGE + 1} à ${Math.min(total, 2 * GROUPS_PER_PAGE)} sur ${total}`,
    );
    expect(rowsOf(html, "Composition des groupes")).toContain("Entreposage partagé");
  });

  it("names three tools per theme and links to the full list; the full view names them all", async () => {
    const paged = await get(`${PROGRAM}/report`);
    const named = TRANSPORT_TOOLS.filter((title) => paged.includes(`<li>${title}`));
    expect(named).toEqual(TRANSPORT_TOOLS.slice(0, 3));
    // The theme has the demo's delivery schedule too, and maybe tools of the seeded groups.
    const count = store.doc.tools.filter(
      (t) => t.programId === DEMO_PROGRAM_ID && t.theme === "transport",
    ).length;
    expect(paged).toContain(`… et ${count - 3} ${count - 3 > 1 ? "autres" : "autre"}.`);
    expect(paged).toContain(`href="${PROGRAM}/report.csv?table=tools"`);
    const all = await get(`${PROGRAM}/report?groups=all`);
    expect(TRANSPORT_TOOLS.every((title) => all.includes(`<li>${title}`))).toBe(true);
  });
});

describe("competitor organizations in a large program", () => {
  /** The competitor checkboxes of a page, whatever the order of their attributes. */
  const boxes = (html: string) =>
    [...html.matchAll(/<input [^>]*name="competitorOrgIds"[^>]*>/g)].map(([tag]) => ({
      id: /value="([\w-]+)"/.exec(tag)![1]!,
      checked: / checked=""/.test(tag),
    }));

  it("lists the declared organizations and the person's region; another region's is found and kept", async () => {
    const benoit = new HttpClient(server.url);
    await benoit.signIn("benoit@exemple.org");
    const me = store.doc.participants.find((p) => p.id === "p-benoit")!;
    const orgOf = (id: string) => store.doc.organizations.find((o) => o.id === id)!;
    const mine = orgOf(me.organizationId);
    const programOrgs = new Set(
      store.doc.participants
        .filter((p) => p.programId === DEMO_PROGRAM_ID && p.organizationId !== mine.id)
        .map((p) => p.organizationId),
    );
    expect(programOrgs.size).toBeGreaterThan(40);

    const listed = boxes(await get(`${PROGRAM}/profile`, benoit));
    const sameRegion = [...programOrgs].filter((id) => orgOf(id).region === mine.region);
    expect(listed.length).toBeLessThan(programOrgs.size);
    expect(listed.length).toBe(mine.competitorIds.length + Math.min(30, sameRegion.length));
    for (const box of listed) {
      expect(mine.competitorIds.includes(box.id) || orgOf(box.id).region === mine.region).toBe(
        true,
      );
      expect(box.checked).toBe(mine.competitorIds.includes(box.id));
    }

    // An organization of another region, declared (the page's search finds it by name).
    const far = [...programOrgs].find((id) => orgOf(id).region !== mine.region)!;
    const profile = me.profile;
    const saved = await benoit.post(`${PROGRAM}/profile`, {
      intent: "save",
      sector: profile.sector,
      field: profile.field,
      needTag: profile.needs.map((n) => n.tag),
      needPriority: profile.needs.map((n) => String(n.priority)),
      needsText: profile.needsText,
      expertise: profile.expertise,
      expertiseText: profile.expertiseText,
      workingStyle: profile.workingStyle,
      availability: profile.availability,
      competitorOrgIds: [...mine.competitorIds, far],
      published: me.published ? "on" : "",
    });
    expect(saved.status).toBe(200);
    expect(await pageText(saved)).toContain("alert--success");
    const after = boxes(await get(`${PROGRAM}/profile`, benoit));
    expect(after.find((b) => b.id === far)).toEqual({ id: far, checked: true });
  });
});
