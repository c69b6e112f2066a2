import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3210";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const who = process.argv[2], paths = process.argv.slice(3);
for (const [name, viewport] of [["phone", { width: 360, height: 740 }], ["desktop", { width: 1280, height: 900 }]]) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  page.on("pageerror", e => console.log("pageerror", e.message));
  await page.goto(base + "/logga-in");
  await page.waitForFunction(() => window.__avrop_hydrated === true);
  await page.getByLabel("Användarnamn").fill(who);
  await page.getByLabel("Lösenord").fill("avrop-demo");
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.waitForURL(/\/$/);
  for (const p of paths) {
    await page.goto(base + p);
    await page.waitForFunction(() => window.__avrop_hydrated === true, null, { timeout: 10000 }).catch(() => console.log("not hydrated", p));
    await page.waitForTimeout(300);
    const f = `/tmp/prof/tour-${name}${p.replace(/[\/?=&]/g, "_")}.png`;
    await page.screenshot({ path: f, fullPage: true });
    console.log(f);
  }
  await ctx.close();
}
await browser.close();
