import AxeBuilder from "@axe-core/playwright";
import { launchSharedBrowser, signIn } from "./helpers/browser";
import { startServer } from "./helpers/server";
const server = await startServer();
const b = await launchSharedBrowser();
const page = await b.newPage();
await page.setViewportSize({ width: 360, height: 740 });
await signIn(page, server.url, "coordination@exemple.org");
const P = "/programs/prog-reemploi-2026";
const G = `${P}/groups/grp-demo-chaine-froid`;
for (const path of ["/dashboard", P, `${P}/applications`, `${P}/directory`, "/programs/prog-pilote-2025/report", `${G}/hours`, `${G}/meetings`, `${P}/evaluations`, `${P}/events/evt-demo-novembre`]) {
  await page.goto(`${server.url}${path}`);
  const res = await new AxeBuilder({ page }).setLegacyMode(true).disableRules(["region"]).analyze();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  console.log(path, "horizontal page overflow:", overflow);
  for (const v of res.violations) console.log("  V", v.id, v.impact, v.nodes.slice(0, 5).map((n) => n.target.join(" ")));
}
await b.close();
await server.stop();
