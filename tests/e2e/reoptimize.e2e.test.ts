import AxeBuilder from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";
import { Factory } from "../helpers/factory";

// Three proposals of a solver run, and Zoé in no group, who needs what the first mentor offers.
const f = new Factory("ro");
const program = f.program();
const coordinator = program.coordinators[0]!;
const mentor = f.person(program, "mentor", { profile: { expertise: ["transport"] } });
const others = [f.person(program, "mentor"), f.person(program, "mentor")];
const mentees = Array.from({ length: 6 }, () => f.person(program, "mentee"));
const zoe = f.person(program, "mentee", {
  profile: { needs: [{ tag: "transport", priority: 3 }] },
});
f.solverRun(program, [
  [mentor, mentees[0]!, mentees[1]!],
  [others[0]!, mentees[2]!, mentees[3]!],
  [others[1]!, mentees[4]!, mentees[5]!],
]);
const e2e = useE2E({ data: f });

describe("the coordinator regroups a few proposals", () => {
  it("selects three proposals and a person in no group, compares before and after, and applies it", async () => {
    const page = await e2e.signedIn(coordinator);
    await page.goto(`${e2e.url}${program.path}/formation`);
    const panel = page.locator("section", {
      has: page.getByRole("heading", { name: "Regrouper quelques propositions", level: 2 }),
    });
    const groups = panel.getByRole("group", { name: "Propositions à regrouper (de 2 à 6)" });
    for (const n of [1, 2, 3])
      await groups.getByRole("checkbox", { name: `Proposition ${n}` }).check();
    await panel
      .getByRole("group", { name: "Personnes sans groupe à inclure (facultatif)" })
      .getByRole("checkbox", { name: zoe.name })
      .check();
    await panel.getByRole("button", { name: "Chercher le meilleur regroupement" }).click();

    // The comparison, which takes the keyboard: before and after for each proposal.
    const result = page.getByRole("region", { name: "Regroupement proposé" });
    await result.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-labelledby")))
      .toBe("regroup-result-title");
    await result.getByText("Meilleur regroupement trouvé").waitFor();
    const first = result.getByRole("listitem").filter({
      has: page.getByRole("heading", { name: "Proposition 1", level: 4 }),
    });
    await first.getByRole("heading", { name: "Avant", level: 5 }).waitFor();
    const after = first.locator(".regroup-column").nth(1);
    await after.locator("ul").first().getByText(zoe.name).waitFor();
    await after.getByText("(plus forte)").waitFor();
    expect(
      await first.locator(".regroup-column").first().locator("ul").first().innerText(),
    ).not.toContain(zoe.name);

    // The selection and the comparison: no serious accessibility problem, and a narrow screen
    // puts before above after instead of beside it.
    const axe = await new AxeBuilder({ page })
      .include("#regroup-title")
      .include(".panel")
      .analyze();
    const severe = axe.violations.filter((v) => ["serious", "critical"].includes(v.impact ?? ""));
    expect(
      severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
    await page.setViewportSize({ width: 380, height: 800 });
    const [left, right] = await first
      .locator(".regroup-column")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    expect(right!).toBeGreaterThan(left!);
    await page.setViewportSize({ width: 1280, height: 800 });

    await result.getByRole("button", { name: "Appliquer ce regroupement" }).click();
    await page.getByRole("status").getByText("Le regroupement est appliqué.").waitFor();
    // The proposals changed: Zoé is in the first mentor's proposal; the journal says so.
    const proposal = page.locator(".card", {
      has: page.getByRole("heading", { name: /Proposition 1/, level: 3 }),
    });
    const members = proposal.locator("ul").first();
    await members.getByText(zoe.name).waitFor();
    await members.getByText(mentor.name).waitFor();
    await page.getByText("a regroupé des propositions", { exact: true }).waitFor();
  }, 60_000);
});
