/**
 * Pages with several forms, with scripts on: a refusal shows at the form that was sent (by its
 * intent, and for the meetings list by its meeting), with its message next to the field and the
 * keyboard on that field; the page's other forms stay quiet.
 */
import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";
import { Factory } from "../helpers/factory";

const f = new Factory("gf");
const { program } = f.cohort({ mentors: 1, mentees: 2 });
const space = f.groupSpace(program);
const e2e = useE2E({ data: f });
const GROUP = `${program.path}/groups/${space.group.id}`;

describe("a group's pages with several forms", () => {
  it("a meeting's attendance: refused without anyone present, then held with one person", async () => {
    const page = await e2e.signedIn(space.members[0]);
    await page.goto(`${e2e.url}${GROUP}/meetings/${space.heldMeetingId}`);
    const attendance = page.locator("section", {
      has: page.getByRole("heading", { name: "Tenue de la rencontre" }),
    });
    const details = page.locator("section", {
      has: page.getByRole("heading", { name: "Détails de la rencontre" }),
    });
    const present = attendance.locator('input[name="presentIds"]');
    for (const box of await present.all()) await box.uncheck();
    await attendance.getByLabel("État").selectOption({ label: "Tenue" });
    await attendance.getByRole("button", { name: "Mettre à jour" }).click();

    await attendance.getByText("Cochez au moins une personne présente.").waitFor();
    await expect.poll(() => attendance.getByRole("alert").count()).toBe(1);
    expect(await details.getByRole("alert").count()).toBe(0);
    // The keyboard is on the first box of the list in error, which names its error.
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).toBe("presentIds");
    expect(
      await attendance.locator("fieldset.field--invalid").getAttribute("aria-describedby"),
    ).toBe("field-presentIds-error");

    // One box ticked is one value, not a list: accepted.
    await present.first().check();
    await attendance.getByRole("button", { name: "Mettre à jour" }).click();
    await page.getByText("État de la rencontre mis à jour.").waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
  }, 60_000);

  it("the meetings list: a postponement without a reason is refused at that meeting only", async () => {
    const page = await e2e.signedIn(space.members[1]);
    await page.goto(`${e2e.url}${GROUP}/meetings`);
    const next = space.nextMeetingId;
    const other = space.heldMeetingId;
    await page.locator(`#m-${next}-status`).selectOption({ label: "Reportée" });
    await page.locator(`#m-${next}-reason`).fill("");
    await page
      .locator("form", { has: page.locator(`#m-${next}-status`) })
      .getByRole("button", { name: "Mettre à jour" })
      .click();

    const error = page.locator(`#m-${next}-reason-error`);
    await error.waitFor();
    expect(await error.innerText()).toBe("Donnez la raison du report ou de l'annulation.");
    expect(await page.locator(`#m-${next}-reason`).getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#m-${other}-reason-error`).count()).toBe(0);
    expect(await page.locator(`#m-${other}-reason`).getAttribute("aria-invalid")).toBeNull();
    // The series' form below says nothing: the refusal is not its own.
    expect(await page.getByRole("alert").count()).toBe(0);
  }, 60_000);

  it("the tools page: a refused file is the only complaint, the page stays usable, then a good file is shared", async () => {
    const page = await e2e.signedIn(space.members[0]);
    const crashes: string[] = [];
    page.on("pageerror", (error) => crashes.push(error.message));
    await page.goto(`${e2e.url}${GROUP}/tools`);
    const form = page.locator("form", { has: page.locator("#field-file") });
    await form.getByLabel("Titre").fill("Grille de tri");
    await page.setInputFiles("#field-file", {
      name: "grille.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0]), // an executable named .pdf
    });
    await form.getByRole("button", { name: "Partager l'outil" }).click();
    const fileError = page.locator("#field-file-error");
    await fileError.waitFor();
    expect(await fileError.innerText()).toContain("Ce type de fichier n'est pas accepté.");
    // A file was attached: no "give a link or a file", and the page did not crash.
    expect(await page.getByText("Donnez un lien ou joignez un fichier.").count()).toBe(0);
    expect(crashes).toEqual([]);
    expect(await page.locator("#field-file").getAttribute("aria-invalid")).toBe("true");

    await page.setInputFiles("#field-file", {
      name: "grille.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    });
    await form.getByRole("button", { name: "Partager l'outil" }).click();
    await page.getByRole("heading", { name: "Grille de tri" }).waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(crashes).toEqual([]);
  }, 60_000);
});
