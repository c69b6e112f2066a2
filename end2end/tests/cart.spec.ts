import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

test("a requester adds the standard bundle, removes the dock, sees why it is needed and re-adds it", async ({ page }) => {
  await login(page, "ahmed.hassan");
  await page.goto("/katalog");
  await page.getByRole("link", { name: /Standardarbetsplats bärbar/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dell Latitude 5450");
  await hydrated(page);
  await page.getByRole("button", { name: "Lägg paketet Standardarbetsplats bärbar i varukorgen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tillagt" })).toBeVisible();

  await page.getByRole("link", { name: "Varukorg" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Varukorg");
  await expect(page.locator("#cart-table tbody tr")).toHaveCount(5);
  await expect(page.locator("#cart-problems")).toHaveCount(0);
  await expect(page.locator("#cart-commitment")).toHaveText("20 433 kr");

  await page.getByRole("button", { name: "Ta bort Dell WD22TB4 Thunderbolt-docka" }).click();
  const problems = page.locator("#cart-problems");
  await expect(problems).toContainText("Dell Latitude 5450 kräver Dell WD22TB4 Thunderbolt-docka i samma beställning.");
  await expect(page.locator("#cart-table tbody tr")).toHaveCount(4);

  await problems.getByRole("button", { name: "Lägg till Dell WD22TB4 Thunderbolt-docka" }).click();
  await expect(page.locator("#cart-problems")).toHaveCount(0);
  await expect(page.locator("#cart-table tbody tr")).toHaveCount(5);

  // The cart lives on the server: a second browser sees the same.
  const other = await page.context().browser()!.newPage();
  await login(other, "ahmed.hassan");
  await other.goto("/varukorg");
  await expect(other.locator("#cart-table tbody tr")).toHaveCount(5);
  await other.close();
});
