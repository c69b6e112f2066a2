// Measures, in Chromium, how long the plan editor takes from a keystroke in
// a goal's days to the updated grand total on screen, on a plan of 200
// goals: `node end2end/tools/bench-rollup.mjs BASE_URL PLAN_ID [EDITS]`.
// Prints one markdown table row: edits, p50, p95, max in ms.
import { chromium } from "playwright-core";

const [base, planId, editsArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 60);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/logga-in`);
  await page.waitForFunction(() => window.__avrop_hydrated === true);
  await page.fill("#username", "per.svensson");
  await page.fill("#password", "avrop-demo");
  await page.click("button[type=submit]");
  await page.waitForURL(`${base}/`);
  await page.goto(`${base}/forvaltning/plan/${planId}`);
  await page.waitForFunction(() => window.__avrop_hydrated === true, null, { timeout: 30000 });
  // A long activity starts folded: show every activity's goals.
  // One at a time: an opened one leaves the set the locator matches.
  const folded = page.locator('button[id^="fold-"][aria-expanded="false"]');
  for (let left = await folded.count(), tries = 0; left > 0; left = await folded.count()) {
    if (++tries > 50) throw new Error(`${left} activities stay folded`);
    await folded.first().click();
  }
  const goals = await page.locator("li[data-goal]").count();
  if (goals < 200) throw new Error(`expected a plan of 200 goals, found ${goals}`);
  // Goals are one line each until opened: open the first.
  await page.locator("li[data-goal]").first().getByRole("button", { name: "Ändra mål 1" }).click();
  await page.locator("#days_business-goal-1").waitFor();
  const times = await page.evaluate(async (n) => {
    const input = document.querySelector("#days_business-goal-1");
    // The table's body is rendered anew when the totals change: watch the
    // table and read the grand total cell as it is on screen.
    const table = document.querySelector("#rollup");
    const total = () => document.querySelector("#rollup-total")?.textContent;
    if (!input || !table || total() === undefined) throw new Error("editor not found");
    const out = [];
    for (let i = 0; i < n; i++) {
      const before = total();
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (total() !== before) {
            obs.disconnect();
            resolve(performance.now());
          }
        });
        obs.observe(table, { subtree: true, characterData: true, childList: true });
      });
      const t0 = performance.now();
      input.value = String(100 + i);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const t1 = await changed;
      out.push(t1 - t0);
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  }, edits);
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)].toFixed(1);
  console.log(`| ${goals} goals | ${times.length} edits | ${q(0.5)} | ${q(0.95)} | ${times[times.length - 1].toFixed(1)} |`);
} finally {
  await browser.close();
}
