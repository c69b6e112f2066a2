import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--disable-gpu","--disable-background-networking"] });
let fails = 0;
for (let i = 0; i < 15; i++) {
  const page = await browser.newPage();
  const logs = [];
  page.on("pageerror", (e) => logs.push(`pageerror: ${e}`));
  page.on("console", (m) => logs.push(`console.${m.type()}: ${m.text()}`));
  await page.goto(base + "/logga-in");
  await page.waitForFunction(() => window.__avrop_hydrated === true, null, { timeout: 5000 }).catch(() => logs.push("login page not hydrated"));
  await page.fill("#username", "lars.andersson");
  await page.fill("#password", "avrop-demo");
  await page.click("button[type=submit]");
  await page.waitForURL(base + "/");
  const ok = await page.waitForFunction(() => window.__avrop_hydrated === true, null, { timeout: 5000 }).then(() => true).catch(() => false);
  if (!ok) { fails++; console.log("NOT HYDRATED", i, logs.join("\n")); await page.screenshot({path: "target/screenshots/nothyd.png"}); }
  await page.close();
}
console.log("fails", fails);
await browser.close();
