import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";
import { Factory } from "../helpers/factory";

// A program with one group already active, and three mentors and six mentees still to place.
const f = new Factory("fm");
const { program, coordinator } = f.cohort({ mentors: 3, mentees: 6 });
f.groupSpace(program);
const e2e = useE2E({ data: f });

describe("the coordinator forms groups", () => {
  it("runs the solver, moves one member between two proposals and approves a group", async () => {
    const page = await e2e.signedIn(coordinator);
    await page.goto(`${e2e.url}${program.path}/formation`);
    await page.getByRole("button", { name: "Calculer des propositions" }).click();
    await page
      .getByRole("heading", { name: "Groupes proposés", level: 2 })
      .waitFor({ timeout: 60_000 });

    // Move a mentee of proposal 1 into another proposal (a swap), trying the choices the rules allow.
    const first = page.locator(".card", {
      has: page.getByRole("heading", { name: /Proposition 1/ }),
    });
    const before = await first.locator("ul").first().innerText();
    const outSelect = first.getByLabel("Remplacer");
    const inSelect = first.getByLabel("par", { exact: true });
    const outOptions = await outSelect.locator("option").allTextContents();
    const inOptions = (await inSelect.locator("option").allTextContents()).filter((o) =>
      o.includes("échange"),
    );
    let moved = false;
    for (const outLabel of outOptions.slice(1)) {
      for (const inLabel of inOptions) {
        await outSelect.selectOption({ label: outLabel });
        await inSelect.selectOption({ label: inLabel });
        const [response] = await Promise.all([
          page.waitForResponse(
            (r) => r.request().method() === "POST" && r.url().includes("/formation"),
          ),
          first.getByRole("button", { name: "Appliquer" }).click(),
        ]);
        const outcome = response.status() === 200 ? "moved" : "refused";
        await page.waitForLoadState("networkidle");
        if (outcome === "moved") {
          moved = true;
          break;
        }
      }
      if (moved) break;
    }
    expect(moved).toBe(true);
    await expect.poll(() => first.locator("ul").first().innerText()).not.toBe(before);

    await first.getByRole("button", { name: "Approuver" }).click();
    await first.getByText("Approuvé").waitFor();
    await page.getByRole("heading", { name: "Groupes actifs (2)" }).waitFor();
    await page.getByText("a approuvé un groupe", { exact: true }).waitFor();
  }, 120_000);
});
