/**
 * Long lists come a page at a time (50 rows or cards): the coordinator's applications list, the
 * program's directory and the coordinator's participant list, on a store grown with the bench's
 * seed (tests/bench/scale-seed.ts) to a few pages of each.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PROGRAM_ID } from "../../server/store/seed";
import { scaleStore, writeScaleStore, type ScaleStore } from "../bench/scale-seed";
import { HttpClient, pageText } from "../helpers/http";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";

const PROGRAM = `/programs/${DEMO_PROGRAM_ID}`;
const PER_PAGE = 50;

let server: TestServer;
let dataDir: string;
let store: ScaleStore;
let coordinator: HttpClient;

beforeAll(async () => {
  store = await scaleStore({ participants: 140, groups: 6, meetings: 20, chatMessages: 5 });
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
    expect(first).toContain(`${all.length} candidature(s)`);
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
    expect(html).toContain(`${mentees.length} candidature(s)`);
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

  it("shows 50 cards and the total; all pages together show every published profile", async () => {
    const expected = published().map((p) => nameOf(p.userId));
    const pages = Math.ceil(expected.length / PER_PAGE);
    expect(pages).toBeGreaterThanOrEqual(2);
    const names: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const html = await get(`${PROGRAM}/directory?page=${page}`);
      expect(html).toContain(`${expected.length} profil(s).`);
      expect(html).toContain(`Page ${page} sur ${pages}`);
      expect(html).toContain('aria-label="Pages de l\'annuaire"');
      const cards = cardNames(html);
      expect(cards.length).toBe(page < pages ? PER_PAGE : expected.length - PER_PAGE * (pages - 1));
      names.push(...cards);
    }
    expect(names.sort()).toEqual(expected.sort());
  });

  it("keeps the role filter across pages", async () => {
    const mentees = published().filter((p) => p.role === "mentee");
    expect(mentees.length).toBeGreaterThan(PER_PAGE);
    const html = await get(`${PROGRAM}/directory?role=mentee`);
    expect(html).toContain(`${mentees.length} profil(s).`);
    const links = pagerLinks(html);
    expect(links.every((l) => l.includes("role=mentee"))).toBe(true);
    const second = await get(links.find((l) => l.includes("page=2"))!);
    const menteeNames = new Set(mentees.map((p) => nameOf(p.userId)));
    const cards = cardNames(second);
    expect(cards.length).toBe(Math.min(PER_PAGE, mentees.length - PER_PAGE));
    expect(cards.every((n) => menteeNames.has(n))).toBe(true);
    expect(second).not.toContain(">Mentor · ");
  });

  it("a participant's own card opens page 1 and the fit order goes on across pages", async () => {
    const client = new HttpClient(server.url);
    await client.signIn("louise@exemple.org");
    const first = await get(`${PROGRAM}/directory`, client);
    expect(first.indexOf('class="card card--self"')).toBeGreaterThan(-1);
    expect(first.indexOf('class="card card--self"')).toBeLessThan(first.indexOf('class="card"'));
    const fits = (html: string) =>
      [...html.matchAll(/<meter min="0" max="100" value="(\d+)"/g)].map((m) => Number(m[1]));
    const second = await get(`${PROGRAM}/directory?page=2`, client);
    expect(second).not.toContain("card--self");
    const all = [...fits(first), ...fits(second)];
    expect(all.length).toBeGreaterThan(PER_PAGE);
    expect(all).toEqual([...all].sort((a, b) => b - a));
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
      expect(html).toContain(`${members.length} participant(s) au programme.`);
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
