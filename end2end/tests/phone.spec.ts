import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

// Long pages on a 360 px phone: what matters is on the first screen, and
// a long plan can be crossed by chapter.
test.use({ viewport: { width: 360, height: 740 } });

test("the catalogue's filters fold away on a phone, so that the results start on the first screen", async ({ page }) => {
  await login(page, "anna.lindqvist");
  await page.goto("/katalog");
  await hydrated(page);
  await expect(page.getByLabel("Sök", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Kategori")).toBeHidden();
  const toggle = page.getByRole("button", { name: "Filter och sortering" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  // The first bundle is on the first screen.
  const first = page.locator("#paket ~ ul li").first();
  const box = await first.boundingBox();
  expect(box!.y).toBeLessThan(740);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.getByLabel("Sortera").selectOption({ label: "Lägsta pris" });
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(page).toHaveURL(/sortering=pris/);
  // A chosen filter keeps the filters open, and says how many.
  await expect(page.getByRole("button", { name: "Filter och sortering (1 vald)" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByLabel("Sortera")).toBeVisible();
});

test("a plan on a phone shows its sums first and jumps between chapters", async ({ page }) => {
  await login(page, "johan.ek");
  await page.goto("/forvaltning");
  await page.getByRole("link", { name: "Förvaltningsplan 2026" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("förvaltningsplan 2026");
  await hydrated(page);
  // The sums per activity and in total, without scrolling sideways.
  const sums = page.locator("#rollup-phone");
  await expect(sums).toBeVisible();
  await expect(sums).toContainText("Daglig IT-drift och underhåll");
  await expect(sums).toContainText(/Summa\s*[\d\u00a0 ]+ kr/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);

  // The chapters, from anywhere in the plan.
  await page.getByText("Kapitel", { exact: true }).click();
  const chapters = page.getByRole("navigation", { name: "Kapitel i planen" });
  await chapters.getByRole("link", { name: "Organisation" }).click();
  await expect(page.locator("h2#organisation")).toBeFocused();
  await expect(page.locator("h2#organisation")).toBeInViewport();
  await expect(chapters).toBeHidden();
  await page.getByText("Kapitel", { exact: true }).click();
  await chapters.getByRole("link", { name: "Daglig IT-drift och underhåll" }).click();
  await expect(page.locator("#aktivitet-daglig_drift")).toBeFocused();
});
