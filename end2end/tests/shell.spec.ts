import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

// The admin sees the whole navigation.
test.beforeEach(async ({ page }) => {
  await login(page, "per.svensson");
});

test("the start page renders in Swedish with the main navigation", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page).toHaveTitle("Start – Avrop");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Välkommen till Avrop");
  const nav = page.getByRole("navigation", { name: "Huvudmeny" });
  for (const label of ["Katalog", "Mina beställningar", "Förvaltning", "Administration"]) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  await expect(page.locator("#org-summary")).toContainText("Kostnadsställen");
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Hoppa till huvudinnehållet" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("a nav link navigates on the client after hydration, without a reload", async ({ page }) => {
  // A marker on window survives client-side navigation but not a reload.
  await page.evaluate(() => ((window as any).__no_reload = "kvar"));
  let reloaded = false;
  page.on("load", () => (reloaded = true));

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Administration" }).click();

  await expect(page).toHaveURL(/\/admin$/);
  await expect(page).toHaveTitle("Organisation – Avrop");
  await expect(page.getByRole("heading", { level: 1, name: "Organisation" })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__no_reload)).toBe("kvar");
  expect(reloaded).toBe(false);
  await expect(
    page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Administration" }),
  ).toHaveAttribute("aria-current", "page");
});

test("an unknown URL shows the Swedish 404 page", async ({ page }) => {
  const response = await page.goto("/det-har-finns-inte");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan finns inte");
  await expect(page).toHaveTitle("Sidan finns inte – Avrop");
  await page.getByRole("link", { name: "Till startsidan" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("the organisation search filters units and keeps the query in the URL", async ({ page }) => {
  await page.goto("/admin");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: /Hälso- och sjukvårdsförvaltningen/ })).toBeVisible();
  await page.getByLabel("Sök enhet").fill("vårdcentralen");
  await page.getByRole("button", { name: "Sök" }).click();
  await expect(page).toHaveURL(/\?q=v%C3%A5rdcentralen|\?q=vårdcentralen/);
  await expect(page.locator("#org-tree h3")).toHaveCount(2);
  await expect(page.getByText("Vårdcentralen Norrby").first()).toBeVisible();
  await expect(page.getByText("Kardiologkliniken")).toHaveCount(0);
  await expect(page.getByLabel("Sök enhet")).toHaveValue("vårdcentralen");
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the menu opens from the menu button and every page fits the width", async ({ page }) => {
    await page.goto("/");
    await hydrated(page);
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    await expect(nav).toBeHidden();
    const toggle = page.getByRole("button", { name: "Meny" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(nav).toBeVisible();
    await expect(page.getByRole("button", { name: "Stäng meny" })).toHaveAttribute("aria-expanded", "true");
    await nav.getByRole("link", { name: "Katalog" }).click();
    await expect(page).toHaveURL(/\/katalog$/);
    await expect(nav).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("a wide table scrolls inside its frame, also from the keyboard", async ({ page }) => {
    await login(page, "anna.lindqvist");
    await page.goto("/forvaltning/portfolj?ar=2027");
    await hydrated(page);
    const frame = page.getByRole("group", { name: "Förvaltningsobjektens fastställda planer 2027" });
    await expect(frame.getByRole("table")).toBeVisible();
    const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(pageOverflow).toBeLessThanOrEqual(0);
    expect(await frame.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await frame.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => frame.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  });
});

test("each page loads the code of its own group of pages in one bundle, another group's when one goes there", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm") || path.endsWith(".bin")) wasm.push(path);
  });
  const response = await page.goto("/katalog");
  // Nothing of another group is named in the page.
  const html = await response!.text();
  expect(html).not.toContain("split_governance_");
  expect(html).not.toContain("bundle_governance_");
  // The page's own group is named, every time, by the script that fetches
  // its bundle once the first paint is done; no wasm is preloaded from the
  // head but the main file, at low priority.
  const head = html.slice(0, html.indexOf("</head>"));
  expect(head).toMatch(/<script id="group-preload" nonce="[^"]+">[^<]*"\/pkg\/bundle_shop_[^"]+\.bin"/);
  expect(head.match(/<link[^>]*\.wasm"[^>]*>/g)).toEqual([expect.stringMatching(/\/pkg\/avrop(\.[^"]+)?\.wasm".*fetchpriority="low"/)]);
  await hydrated(page);
  // The group's 100-odd files came in one request, none on its own.
  expect(wasm.filter((p) => p.includes("/bundle_shop_"))).toHaveLength(1);
  expect(wasm.filter((p) => /\/(split|chunk)_/.test(p))).toEqual([]);

  // The router goes to a page of another group: its code loads then, file by file.
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning", exact: true }).click();
  await expect(page).toHaveURL(/\/forvaltning$/);
  await expect(page).toHaveTitle("Förvaltning – Avrop");
  await expect.poll(() => wasm.some((p) => p.includes("/split_governance_"))).toBe(true);
  // One download of the main file for both pages: the second came by the router.
  expect(wasm.filter((p) => /\/avrop\.[^/]+\.wasm$/.test(p) || p.endsWith("/avrop.wasm")).length).toBe(1);
});
