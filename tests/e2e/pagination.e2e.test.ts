/**
 * The pager in a real browser, on a store grown to several pages of applications: a coordinator
 * filters the list, moves to the next page with the pager and keeps the filter, without reloading
 * the document (the pager's and the rows' light links navigate in the app); axe finds nothing
 * serious in the pager; the filter changed on page 2 brings the list back to page 1. In a program
 * of hundreds of organizations, a participant finds a competitor by name on their profile.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, it } from "vitest";
import { DEMO_PROGRAM_ID } from "../../server/seeds/demo";
import { scaleStore, writeScaleStore } from "../bench/scale-seed";
import { useE2E } from "../helpers/e2e";

let menteeApplications = 0;
/** An organization of the program in another region than Benoît's. */
let farName = "";

// The demo grown to several pages of applications and hundreds of organizations.
const e2e = useE2E({
  data: async (dataDir) => {
    const store = await scaleStore({ participants: 180, groups: 6, meetings: 20, chatMessages: 5 });
    menteeApplications = store.doc.applications.filter(
      (a) => a.programId === DEMO_PROGRAM_ID && a.status !== "draft" && a.role === "mentee",
    ).length;
    const orgOf = (id: string) => store.doc.organizations.find((o) => o.id === id)!;
    const benoit = orgOf(store.doc.participants.find((p) => p.id === "p-benoit")!.organizationId);
    farName = store.doc.participants
      .filter((p) => p.programId === DEMO_PROGRAM_ID)
      .map((p) => orgOf(p.organizationId))
      .find((o) => o.region !== benoit.region && !benoit.competitorIds.includes(o.id))!.name;
    await writeScaleStore(dataDir, store);
  },
});

it("a coordinator pages through filtered applications with the pager", async () => {
  const page = await e2e.signedIn("coordination@exemple.org");
  await page.goto(`${e2e.url}/programs/${DEMO_PROGRAM_ID}/applications?role=mentee`);
  const pages = Math.ceil(menteeApplications / 50);
  expect(pages).toBeGreaterThanOrEqual(2);
  const pager = page.getByRole("navigation", { name: "Pages des candidatures" });
  await pager.getByText(`Page 1 sur ${pages}`).waitFor();
  expect(await page.locator("tbody tr").count()).toBe(50);

  // Once the app runs, a mark on the window survives in-app navigations only.
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.evaluate(() => Object.assign(window, { stillHere: true }));
  await pager.getByRole("link", { name: "Page suivante" }).click();
  await page.waitForURL(/page=2/);
  expect(new URL(page.url()).searchParams.get("role")).toBe("mentee");
  await pager.getByText(`Page 2 sur ${pages}`).waitFor();
  await expect(
    pager.getByRole("link", { name: "Page 2" }).getAttribute("aria-current"),
  ).resolves.toBe("page");
  expect(await page.locator("tbody tr").count()).toBe(Math.min(50, menteeApplications - 50));

  const results = await new AxeBuilder({ page }).include(".pager").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(await page.evaluate(() => "stillHere" in window)).toBe(true);

  // A row opens its application in the app too; the program tab stays marked.
  const first = page.locator("tbody tr th a").first();
  const organization = (await first.textContent()) ?? "";
  await first.click();
  await page.waitForURL(/\/applications\/[\w-]+$/);
  await page.getByRole("heading", { name: organization, level: 1 }).waitFor();
  expect(await page.evaluate(() => "stillHere" in window)).toBe(true);
  await expect(
    page
      .getByRole("navigation", { name: /Sections du programme/ })
      .getByRole("link", { name: "Candidatures", exact: true })
      .getAttribute("aria-current"),
  ).resolves.toBe("page");
  await page.goBack();
  await page.waitForURL(/page=2/);

  // A new filter starts the list again at page 1.
  await page.getByLabel("État").selectOption("submitted");
  await page.waitForURL(/status=submitted/);
  expect(new URL(page.url()).searchParams.get("page")).toBeNull();
}, 60_000);

it("a participant finds a competitor of another region by name, declares it and keeps it", async () => {
  const page = await e2e.signedIn("benoit@exemple.org");
  await page.goto(`${e2e.url}/programs/${DEMO_PROGRAM_ID}/profile`);
  // The search field comes with the page's scripts.
  await page.waitForFunction(() => "__remixRouter" in window);
  const search = page.getByLabel("Chercher une organisation du programme par son nom");
  await search.fill(farName.toUpperCase());
  await page
    .getByText(/([01] organisation trouvée|([2-9]|\d{2,}) organisations trouvées)\./)
    .waitFor();
  const found = page.getByRole("group", { name: "Résultats de la recherche" });
  await found.getByRole("checkbox", { name: farName }).check();
  // Another search: the checked one joins the declared organizations, still checked.
  await search.fill("zzz-aucune");
  await page.getByText("0 organisation trouvée.").waitFor();
  const declared = page.getByRole("group", { name: "Organisations déclarées" });
  await expect(declared.getByRole("checkbox", { name: farName }).isChecked()).resolves.toBe(true);
  const results = await new AxeBuilder({ page }).include(".organization-search").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.getByRole("button", { name: "Enregistrer mon profil" }).last().click();
  await page.getByText("Profil enregistré.").waitFor();
  await page.reload();
  await expect(
    page
      .getByRole("group", { name: "Organisations déclarées" })
      .getByRole("checkbox", { name: farName })
      .isChecked(),
  ).resolves.toBe(true);
}, 60_000);
