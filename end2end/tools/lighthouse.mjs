// Lighthouse on Avrop's key pages, signed in, on the mobile and desktop
// presets, and the bytes a repeat view transfers:
//
//   node end2end/tools/lighthouse.mjs BASE_URL COOKIE RUNS NAME=PATH...
//
// Each page is measured RUNS times per preset in a fresh headless Chromium
// (Debian's, as the end-to-end tests use); the table has the median of
// each category's score and of LCP and total blocking time. The repeat view
// loads the page twice in one browser and sums what the second load
// transferred (the HTML, and anything the cache did not answer).
// Prints markdown table rows.
import lighthouse, { desktopConfig } from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.AVROP_CHROMIUM ?? "/usr/bin/chromium";
const [base, cookie, runsArg, ...pages] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
if (!base || !cookie || !(runs >= 1) || pages.length === 0) {
  console.error("usage: lighthouse.mjs BASE_URL COOKIE RUNS NAME=PATH...");
  process.exit(2);
}
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

async function audit(url, preset) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
      extraHeaders: { Cookie: cookie },
    };
    const result = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined);
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    // The audits that cost points outside performance, by id.
    const failing = CATEGORIES.filter((c) => c !== "performance").flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1)
        .map((r) => r.id),
    );
    return {
      ...scores,
      failing,
      lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN,
      tbt: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
      bytes: lhr.audits["total-byte-weight"]?.numericValue ?? NaN,
    };
  } finally {
    await chrome.kill();
  }
}

// What the second of two loads of `url` transfers, in bytes.
async function repeatView(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--disable-gpu", "--no-first-run"] });
  try {
    const origin = new URL(url);
    const context = await browser.newContext();
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name, value: value.join("="), domain: origin.hostname, path: "/" }]);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "networkidle" });
    await page.goto(url, { waitUntil: "networkidle" });
    return await page.evaluate(() =>
      [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].reduce(
        (sum, e) => sum + (e.transferSize ?? 0),
        0,
      ),
    );
  } finally {
    await browser.close();
  }
}

let failed = false;
for (const entry of pages) {
  const [name, path] = entry.split(/=(.*)/s);
  const url = new URL(path, base).toString();
  for (const preset of ["mobile", "desktop"]) {
    const results = [];
    try {
      for (let i = 0; i < runs; i++) {
        // A trace Chromium did not record (NO_NAVSTART, seen now and then
        // headless, twice in a row once) is the tool's failure, not the
        // page's: up to three tries.
        results.push(await audit(url, preset).catch(() => audit(url, preset)).catch(() => audit(url, preset)));
      }
    } catch (e) {
      console.error(`${name} (${preset}): ${e.message}`);
      console.log(`| ${name} | ${preset} | – | – | – | – | – | – | – | – | ${e.message.replaceAll("|", "/")} |`);
      failed = true;
      continue;
    }
    const m = (k) => median(results.map((r) => r[k]));
    const perf = results.map((r) => r.performance).join(", ");
    const failing = [...new Set(results.flatMap((r) => r.failing))].join(", ");
    const repeat = preset === "desktop" ? `${(((await repeatView(url)) / 1024).toFixed(1))} KB` : "";
    console.log(
      `| ${name} | ${preset} | ${m("performance")} (${perf}) | ${m("accessibility")} | ${m("best-practices")} | ${m("seo")} ` +
        `| ${(m("lcp") / 1000).toFixed(1)} s | ${Math.round(m("tbt"))} ms | ${(m("bytes") / 1024).toFixed(0)} KB | ${repeat} | ${failing} |`,
    );
  }
}
process.exit(failed ? 1 : 0);
