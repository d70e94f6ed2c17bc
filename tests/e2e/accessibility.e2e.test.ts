/**
 * axe-core in Debian's chromium on the main pages, in French and in English: no violation whose
 * impact is serious or critical. Each page is checked in the state a person meets it in: a live
 * speed-dating room during a round and at rating time, a co-development session under way, the
 * group proposals after a solver run, the interest form showing its errors, the menus open.
 * Secondary pages are checked in French only, to keep the file quick.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../helpers/browser";
import { useE2E } from "../helpers/e2e";
import { createPairEvent, HttpClient } from "../helpers/http";
import { signUpLink } from "../helpers/signup";
import { outboxMessages } from "../helpers/store-snapshot";

const PROGRAM = "/programs/prog-reemploi-2026";
const PILOT = "/programs/prog-pilote-2025";
const GROUP = `${PROGRAM}/groups/grp-demo-chaine-froid`;
const BOTH = ["fr", "en"] as const;
type Lang = (typeof BOTH)[number];
type Ready = (page: Page, lang: Lang) => Promise<unknown>;
const loaded: Ready = () => Promise.resolve();

const COORDINATOR = "coordination@exemple.org";
const MARC = "marc@exemple.org";
const e2e = useE2E();

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

const SEVERE = new Set(["serious", "critical"]);

/**
 * Runs axe on the page as it is now and keeps what is serious or critical: the violations, and
 * the checks axe could not settle alone except colour contrast over overlapping boxes (e.g. the
 * same id referenced by ARIA twice). Also any id used twice, which ties a label to the wrong field.
 * The moderate "region" rule is left to the home page: the layout puts every page in a header, a
 * main and a footer, and that rule is a third of axe's time. Colour contrast, the other costly
 * rule, runs on the first language only: the second shows the same colours on the same backgrounds.
 */
async function axe(
  page: Page,
  label: string,
  options: { allRules: boolean; contrast: boolean },
): Promise<Finding[]> {
  const skipped = [
    ...(options.allRules ? [] : ["region"]),
    ...(options.contrast ? [] : ["color-contrast"]),
  ];
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .disableRules(skipped)
    .analyze();
  const findings = [
    ...results.violations,
    ...results.incomplete.filter((v) => v.id !== "color-contrast"),
  ]
    .filter((v) => SEVERE.has(v.impact ?? ""))
    .map((v) => ({
      page: label,
      rule: v.id,
      impact: v.impact ?? "",
      help: `${v.help} (${v.helpUrl})`,
      nodes: v.nodes.map(
        (n) =>
          `${n.target.join(" ")} — ${(n.failureSummary ?? n.any[0]?.message ?? "").replace(/\s+/g, " ")}`,
      ),
    }));
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id, count]) => `#${id} ×${count}`);
  });
  if (duplicates.length) {
    findings.push({
      page: label,
      rule: "duplicate-id",
      impact: "serious",
      help: "Each id must be unique: labels and aria-describedby point to the first one only",
      nodes: duplicates,
    });
  }
  return findings;
}

/** One line per violation and one per element, readable in a failed test's message. */
function readable(findings: Finding[]): string {
  if (findings.length === 0) return "no serious or critical violation";
  return [
    `${findings.length} serious or critical accessibility violation(s):`,
    ...findings.map(
      (f) =>
        `- [${f.impact}] ${f.page}: ${f.rule}: ${f.help}\n` +
        f.nodes.map((n) => `    • ${n}`).join("\n"),
    ),
  ].join("\n");
}

/**
 * Opens the path in each language (the cookie the language switch sets), checks that the page
 * says which language it is in, waits until it is `ready`, and runs axe.
 */
async function audit(
  page: Page,
  path: string,
  options: { ready?: Ready; langs?: readonly Lang[]; allRules?: boolean } = {},
): Promise<Finding[]> {
  const { ready = loaded, langs = BOTH, allRules = false } = options;
  const findings: Finding[] = [];
  for (const [index, lang] of langs.entries()) {
    await setLanguage(page, e2e.url, lang);
    const response = await page.goto(`${e2e.url}${path}`);
    expect(response?.status(), `${path} (${lang})`).toBe(200);
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    await ready(page, lang);
    const label = `${path} (${lang})`;
    findings.push(...(await axe(page, label, { allRules, contrast: allRules || index === 0 })));
  }
  return findings;
}

async function auditEach(
  page: Page,
  paths: string[],
  options: { langs?: readonly Lang[] } = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const path of paths) findings.push(...(await audit(page, path, options)));
  return findings;
}

function expectNoSeriousViolation(findings: Finding[]) {
  expect(findings.length, readable(findings)).toBe(0);
}

const text = (fr: string, en: string) => (lang: Lang) => (lang === "fr" ? fr : en);

/** Opens every <details> menu of the header, so that their links are checked too. */
const menusOpen: Ready = async (page) => {
  for (const summary of await page.locator(".site-header details > summary").all()) {
    await summary.click();
  }
  expect(await page.locator(".site-header details[open]").count()).toBeGreaterThan(0);
};

describe(
  "accessibility of the main pages (axe-core, French and English)",
  { timeout: 120_000 },
  () => {
    it("public pages: home, sign-in and the interest form showing its errors", async () => {
      const anonymous = await e2e.newPage();
      const submit = text("Soumettre ma candidature", "Submit my application");
      const findings = [
        ...(await audit(anonymous, "/", { allRules: true })),
        ...(await audit(anonymous, "/login")),
        ...(await audit(anonymous, "/apply/prog-reemploi-2026", {
          ready: async (page, lang) => {
            await page.getByRole("button", { name: submit(lang) }).click();
            await page.getByRole("alert").first().waitFor();
            expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(3);
          },
        })),
        ...(await audit(anonymous, "/signup", { langs: ["fr"] })),
      ];
      // After the sign-up form: "check your e-mail", then the e-mailed activation link's page.
      await new HttpClient(e2e.url).post("/signup", {
        name: "Personne Auditée",
        email: "audit-axe@exemple.org",
        password: "un-mot-de-passe-solide",
        consent: "on",
      });
      const link = await signUpLink(e2e.server.dataDir, "audit-axe@exemple.org");
      expect(link).toBeTruthy();
      findings.push(
        ...(await audit(anonymous, "/signup?sent", { langs: ["fr"] })),
        ...(await audit(anonymous, link!, { langs: ["fr"] })),
      );
      expectNoSeriousViolation(findings);
    });

    it("the account's pages: forgotten password, its link, the privacy page, my account with errors", async () => {
      const anonymous = await e2e.newPage();
      await new HttpClient(e2e.url).post("/forgot-password", { email: "yves@exemple.org" });
      const reset = (await outboxMessages([e2e.server.dataDir]))
        .filter((m) => m.kind === "passwordReset" && m.to === "yves@exemple.org")
        .at(-1)
        ?.text.match(/\/forgot-password\?token=[\w-]+/)?.[0];
      expect(reset).toBeTruthy();
      const findings = [
        ...(await audit(anonymous, "/forgot-password")),
        ...(await audit(anonymous, "/forgot-password?sent", { langs: ["fr"] })),
        ...(await audit(anonymous, reset!, { langs: ["fr"] })),
        ...(await audit(anonymous, "/privacy")),
      ];
      const marc = await e2e.signedIn(MARC);
      const change = text("Changer le mot de passe", "Change password");
      findings.push(
        ...(await audit(marc, "/account", {
          ready: async (page, lang) => {
            await page.getByRole("button", { name: change(lang) }).click();
            await page.getByRole("alert").first().waitFor();
          },
        })),
      );
      // Deleting the account, refused for a wrong password (nothing is deleted): its errors.
      const password = text("Votre mot de passe, pour confirmer", "Your password, to confirm");
      const final = text(
        "Je comprends que la suppression est définitive",
        "I understand that deletion is final",
      );
      const remove = text("Supprimer mon compte", "Delete my account");
      findings.push(
        ...(await audit(marc, "/account/delete", {
          ready: async (page, lang) => {
            await page.getByLabel(password(lang)).fill("pas-le-bon-mot-de-passe");
            await page.getByLabel(final(lang)).check();
            await page
              .getByRole("main")
              .getByRole("button", { name: remove(lang) })
              .click();
            await page.getByRole("alert").first().waitFor();
          },
        })),
      );
      expectNoSeriousViolation(findings);
    });

    it("a participant's pages: dashboard, directory, evaluation, profile, notifications", async () => {
      const marc = await e2e.signedIn(MARC);
      const findings = [
        ...(await audit(marc, "/dashboard", { ready: menusOpen })),
        ...(await audit(marc, `${PROGRAM}/directory?role=mentee`)),
        ...(await audit(marc, `${PROGRAM}/evaluations/eval-demo-fevrier`)),
        ...(await auditEach(
          marc,
          [`${PROGRAM}/profile`, "/notifications", `${PROGRAM}/events`, `${PROGRAM}/groups`],
          { langs: ["fr"] },
        )),
      ];
      // Thomas is in no group: his page has the proposal form, with people set apart by the
      // pairing rule (disabled, in a group of their own) and his mutual matches already grouped.
      const thomas = await e2e.signedIn("thomas@exemple.org");
      findings.push(...(await audit(thomas, `${PROGRAM}/groups`)));
      expectNoSeriousViolation(findings);
    });

    it("a proximity program: the profile's conflicts of interest, the directory's reasons", async () => {
      const annie = await e2e.signedIn("annie@exemple.org");
      const proximity = "/programs/prog-proximite-monteregie-2027";
      const findings = await auditEach(annie, [`${proximity}/profile`, `${proximity}/directory`], {
        langs: ["fr"],
      });
      expectNoSeriousViolation(findings);
    });

    it("the group space: group page, meetings, agreement, plan, hours, tools, check-ins", async () => {
      const marc = await e2e.signedIn(MARC);
      const findings = [
        ...(await auditEach(marc, [
          GROUP,
          `${GROUP}/meetings`,
          `${GROUP}/agreement`,
          `${GROUP}/plan`,
          `${GROUP}/hours`,
          `${GROUP}/tools`,
          `${GROUP}/checkins`,
        ])),
        ...(await auditEach(
          marc,
          [`${GROUP}/meetings/mtg-demo-demarrage`, `${GROUP}/codev`, `${GROUP}/codev/cdv-demo-1`],
          { langs: ["fr"] },
        )),
      ];
      expectNoSeriousViolation(findings);
    });

    it("the co-development runner, before and while Marc facilitates a session", async () => {
      const marc = await e2e.signedIn(MARC);
      const runner = `${GROUP}/codev/cdv-demo-2`;
      const live = text("En direct", "Live");
      const findings = await audit(marc, runner, {
        langs: ["fr"],
        ready: (page, lang) => page.getByText(live(lang), { exact: true }).waitFor(),
      });
      await marc.getByRole("button", { name: "Démarrer la séance" }).click();
      await marc.getByRole("timer").waitFor();
      findings.push(
        ...(await audit(marc, runner, {
          ready: async (page, lang) => {
            await page.getByText(live(lang), { exact: true }).waitFor();
            await page.getByRole("timer").waitFor();
          },
        })),
      );
      expectNoSeriousViolation(findings);
    });

    it("the coordinator's pages: dashboard, applications, evaluations, group proposals, report", async () => {
      const coordinator = await e2e.signedIn(COORDINATOR);
      // The solver works in the background while the other pages are checked.
      await setLanguage(coordinator, e2e.url, "fr");
      await coordinator.goto(`${e2e.url}${PROGRAM}/formation`);
      // The demo has a finished run already: the button solves again for the others.
      await coordinator.getByRole("button", { name: "Recalculer pour les autres" }).click();
      await coordinator.waitForLoadState("networkidle");

      const findings = [
        ...(await audit(coordinator, "/dashboard", { ready: menusOpen })),
        ...(await audit(coordinator, `${PROGRAM}/applications`)),
        ...(await audit(coordinator, `${PROGRAM}/evaluations`)),
        ...(await audit(coordinator, `${PILOT}/report`)),
        ...(await auditEach(
          coordinator,
          [
            PROGRAM,
            `${PROGRAM}/applications/app-sept-iles`,
            `${PROGRAM}/settings`,
            `${PROGRAM}/coordination`,
            `${PROGRAM}/invitations`,
            `${PROGRAM}/report`,
            `${PROGRAM}/coordinators`,
            `${PROGRAM}/events/evt-demo-decembre/edit`,
            "/admin/users",
          ],
          { langs: ["fr"] },
        )),
      ];
      // Group formation after the solver run: the proposals, their explanations and the move forms.
      const proposed = text("Groupes proposés", "Proposed groups");
      findings.push(
        ...(await audit(coordinator, `${PROGRAM}/formation`, {
          ready: (page, lang) =>
            page
              .getByRole("heading", { name: proposed(lang), level: 2 })
              .waitFor({ timeout: 60_000 }),
        })),
      );
      expectNoSeriousViolation(findings);
    });

    it("at a phone's width: wide tables scroll in a named box the keyboard reaches; the page does not", async () => {
      const viewport = { width: 360, height: 740 };
      const [coordinator, marc, anonymous] = await Promise.all([
        e2e.signedIn(COORDINATOR, { viewport }),
        e2e.signedIn(MARC, { viewport }),
        e2e.newPage({ viewport }),
      ]);
      const fitsWidth: Ready = async (page) => {
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
      };
      const findings: Finding[] = [];
      const fr = { ready: fitsWidth, langs: ["fr"] } as const;
      findings.push(...(await audit(anonymous, "/apply/prog-reemploi-2026", fr)));
      for (const path of [
        `${PILOT}/report`,
        `${PROGRAM}/applications`,
        `${PROGRAM}/applications/app-sept-iles`,
        `${PROGRAM}/evaluations`,
        `${PROGRAM}/coordination`,
        `${PROGRAM}/coordinators`,
        "/admin/users",
      ]) {
        findings.push(...(await audit(coordinator, path, fr)));
      }
      for (const path of [`${GROUP}/hours`, `${GROUP}/meetings`]) {
        findings.push(...(await audit(marc, path, fr)));
      }
      expectNoSeriousViolation(findings);
    });

    it("a live speed-dating room: the lobby, a round with its chat, the rating, the matches", async () => {
      const { eventPath, eventId } = await createPairEvent(e2e.url, "Séance accessible");
      const [amelie, nathalie, coordinator] = await Promise.all([
        e2e.signedIn("amelie@exemple.org"),
        e2e.signedIn("nathalie@exemple.org"),
        e2e.signedIn(COORDINATOR),
      ]);
      const connected = text("Connecté·e", "Connected");
      const online: Ready = (page, lang) =>
        page.getByText(connected(lang), { exact: true }).waitFor();

      // Before the start: the waiting room.
      const findings = await audit(amelie, eventPath, { ready: online, langs: ["fr"] });

      await nathalie.goto(`${e2e.url}${eventPath}`);
      await online(nathalie, "fr");
      const console = await e2e.live(COORDINATOR);
      await console.join(eventId);
      expect((await console.emit("console:command", { eventId, command: "start" })).ok).toBe(true);

      // Round 1, with messages in the chat; and the coordinator's console meanwhile.
      await nathalie.getByLabel("Votre message").fill("Bonjour Amélie !");
      await nathalie.getByLabel("Votre message").press("Enter");
      const room = text("Salle 1", "Room 1");
      findings.push(
        ...(await audit(amelie, eventPath, {
          ready: async (page, lang) => {
            await page.getByRole("heading", { name: room(lang) }).waitFor();
            await page.getByText("Bonjour Amélie !").waitFor();
          },
        })),
        ...(await audit(coordinator, eventPath, { ready: online })),
      );

      // The break: the rating form.
      expect((await console.emit("console:command", { eventId, command: "skip" })).ok).toBe(true);
      const round = text("tour", "round");
      // The open page (in English after the last audit) shows the break by itself first:
      // navigating while it was still updating raced with it (a goto aborted once in CI).
      await amelie.getByRole("group", { name: /Nathalie Gagnon, (tour|round) 1/ }).waitFor();
      findings.push(
        ...(await audit(amelie, eventPath, {
          ready: (page, lang) =>
            page
              .getByRole("group", { name: new RegExp(`Nathalie Gagnon, ${round(lang)} 1`) })
              .waitFor(),
        })),
      );

      // The end: the mutual matches.
      expect((await console.emit("console:command", { eventId, command: "end" })).ok).toBe(true);
      await amelie
        .getByRole("heading", { name: /^(Vos affinités réciproques|Your mutual matches)$/ })
        .waitFor();
      findings.push(
        ...(await audit(amelie, eventPath, {
          langs: ["fr"],
          ready: (page) =>
            page.getByRole("heading", { name: "Vos affinités réciproques" }).waitFor(),
        })),
      );
      expectNoSeriousViolation(findings);
    });
  },
);
