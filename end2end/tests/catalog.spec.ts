import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

test.beforeEach(async ({ page }) => {
  await login(page, "anna.lindqvist");
});

test("a requester finds the standard laptop bundle and sees what it contains", async ({ page }) => {
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Katalog" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Katalog");
  await page.getByRole("link", { name: /Standardarbetsplats bärbar/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dell Latitude 5450");
  const bundle = page.getByRole("region", { name: "Paket: Standardarbetsplats bärbar" });
  await expect(bundle.getByRole("row", { name: /Dell WD22TB4 Thunderbolt-docka/ })).toContainText("Krävs");
  await expect(bundle.getByRole("row", { name: /Jabra Evolve2 40/ })).toContainText("Valfri");
  await expect(page.locator("#item-commitment")).toHaveText("14 004 kr");
  await expect(page.locator("#upcoming-price")).toContainText("Nytt pris från 2027-01-01");
  await expect(page.getByRole("region", { name: "Tillbehör som passar" })).toContainText("Dell WD22TB4");
});

test("search, filters and sorting narrow the catalogue and survive in the URL", async ({ page }) => {
  await page.goto("/katalog");
  await hydrated(page);
  // The sort shows the order in use, also once the page is interactive.
  await expect(page.getByLabel("Sortera")).toHaveValue("namn");
  await page.getByLabel("Sök", { exact: true }).fill("thunderbolt");
  await page.getByLabel("Sortera").selectOption({ label: "Lägsta pris" });
  await page.getByRole("button", { name: "Sök" }).click();
  // Only what was chosen is in the address (no empty fields, no "&=").
  await expect(page).toHaveURL(/\/katalog\?q=thunderbolt&sortering=pris$/);
  await expect(page.locator("#catalog-count")).toHaveText("3 artiklar");
  const names = await page.locator("#catalog-results li a").allTextContents();
  expect(names).toEqual(["HP Thunderbolt Dock G4", "Dell WD22TB4 Thunderbolt-docka", "Lenovo ThinkPad Universal Thunderbolt 4 Dock"]);
  await expect(page.getByLabel("Sök", { exact: true })).toHaveValue("thunderbolt");

  await page.goto("/katalog?typ=service&niva=guld");
  await expect(page.locator("#catalog-results li")).toHaveCount(1);
  await expect(page.locator("#catalog-results")).toContainText("Utökad support Guld");

  // The filter form shows the search in the server's page too, so that it
  // is right before the page is interactive and without JavaScript.
  const html = await (await page.request.get("/katalog?q=docka&typ=hardware&sortering=pris")).text();
  expect(html).toMatch(/<input id="cat-q"[^>]* value="docka"/);
  expect(html).toMatch(/<option value="hardware" selected/);
  expect(html).toMatch(/<option value="pris" selected/);

  await page.goto("/katalog?min=500&max=100");
  await expect(page.getByRole("alert")).toContainText("Högsta pris måste vara minst lika stort som lägsta pris.");
});

test("an unknown item shows a Swedish message", async ({ page }) => {
  await page.goto("/katalog/artikel/99999");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Artikeln finns inte");
});
