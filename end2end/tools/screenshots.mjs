// Takes desktop and 360 px screenshots of the main pages, for looking at
// what users see: `node end2end/tools/screenshots.mjs [baseURL] [outDir]`.
import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = process.argv[3] ?? "target/screenshots";
const pages = ["/", "/admin", "/katalog", "/finns-inte"];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const [name, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 360, height: 740 }]]) {
  const page = await browser.newPage({ viewport });
  page.on("console", (m) => m.type() === "error" && console.log(`[${name}] console error: ${m.text()}`));
  page.on("pageerror", (e) => console.log(`[${name}] page error: ${e}`));
  for (const path of pages) {
    await page.goto(base + path);
    await page.waitForFunction(() => window.__avrop_hydrated === true, null, { timeout: 10000 }).catch(() => console.log(`not hydrated: ${path}`));
    const file = `${out}/${name}${path.replace(/\//g, "_") || "_"}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await page.close();
}
await browser.close();
