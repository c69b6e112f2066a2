import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

// Every page each demo role can open, scanned with axe-core for WCAG 2.1 A
// and AA: a serious or critical violation fails the test.
const EVERYONE = [
  "/",
  "/forvaltning",
  "/forvaltning/portfolj?ar=2026",
  "/forvaltning/uppfoljning?period=2026-T2",
  "/forvaltning/plan/1",
  "/forvaltning/plan/1/utskrift",
  "/forvaltning/objekt/1",
  "/forvaltning/uppfoljning/1?period=2026-T2",
  "/finns-inte",
  "/aviseringar",
  "/tillgangar",
  "/prenumerationer",
];
const REQUESTER = ["/katalog", "/katalog?q=dator&sortering=pris", "/katalog/artikel/1", "/varukorg", "/kassa", "/bestallningar"];
const PAGES: Record<string, string[]> = {
  "anna.lindqvist": [...EVERYONE, ...REQUESTER, "/admin", "/prenumerationer/1"],
  "erik.johansson": [...EVERYONE, "/attestera", "/attestera/ersattare"],
  "maria.nilsson": [...EVERYONE, "/koordinering"],
  "lars.andersson": [...EVERYONE, "/admin/katalog", "/admin/katalog/artikel/1", "/admin/katalog/artikel/ny", "/admin/katalog/paket", "/admin/katalog/paket/1", "/admin/katalog/import"],
  "sara.berg": [...EVERYONE, "/tillgangar?status=in_use&sortering=aldst", "/tillgangar/1", "/tillgangar/8", "/prenumerationer/2", "/interndebitering?period=2026-10", "/tillgangar/prognos", "/tillgangar/import"],
  "johan.ek": [...EVERYONE, "/forvaltning/objekt/2", "/forvaltning/mall/1", "/forvaltning/plan/2", "/forvaltning/jamfor?fran=1&till=2", "/tillgangar/prognos"],
  "karin.holm": [...EVERYONE, "/forvaltning/objekt/2"],
  "per.svensson": [...EVERYONE, "/admin", "/admin/api-nycklar", "/admin/leverantorsnycklar", "/admin/logg", "/admin/attestratt", "/forvaltning/objekt/nytt", "/forvaltning/mall/2"],
};

async function scan(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("the login page has no serious accessibility violations", async ({ page }) => {
  expect(await scan(page, "/logga-in")).toEqual([]);
});

for (const [username, paths] of Object.entries(PAGES)) {
  test(`${username}'s pages have no serious accessibility violations`, async ({ page }) => {
    test.setTimeout(420_000);
    await login(page, username);
    const found: string[] = [];
    for (const path of paths) found.push(...(await scan(page, path)));
    expect(found).toEqual([]);
  });
}

// The same pages on a 360 px phone: none scrolls sideways (a wide table
// scrolls inside its own frame).
for (const [username, paths] of Object.entries(PAGES)) {
  test(`${username}'s pages fit a 360 px phone`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 360, height: 740 });
    await login(page, username);
    const wide: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await hydrated(page);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (over > 0) wide.push(`${path}: ${over} px too wide`);
    }
    expect(wide).toEqual([]);
  });
}
