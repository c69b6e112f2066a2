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
  // The header counts what the cart holds.
  const count = page.locator("#cart-count");
  await expect(count).toHaveText(/^\d+$/);
  const units = Number(await count.textContent());
  expect(units).toBeGreaterThanOrEqual(5);

  await page.getByRole("link", { name: "Varukorg" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Varukorg");
  await expect(page.locator("#cart-table tbody tr")).toHaveCount(5);
  await expect(page.locator("#cart-problems")).toHaveCount(0);
  await expect(page.locator("#cart-commitment")).toHaveText("20 433 kr");

  await page.getByRole("button", { name: "Ta bort Dell WD22TB4 Thunderbolt-docka" }).click();
  const problems = page.locator("#cart-problems");
  await expect(problems).toContainText("Dell Latitude 5450 kräver Dell WD22TB4 Thunderbolt-docka i samma beställning.");
  await expect(page.locator("#cart-table tbody tr")).toHaveCount(4);
  await expect(count).toHaveText(String(units - 1));

  // Both the laptop and the screen need the dock: it is offered once, as
  // the fix for both, and one click fixes both.
  const dock = problems.getByRole("button", { name: /^Lägg till Dell WD22TB4 Thunderbolt-docka/ });
  await expect(dock).toHaveCount(1);
  await expect(dock).toContainText("löser båda");
  await expect(problems.getByRole("listitem").first()).toContainText("Behöver något mer:");
  await dock.click();
  await expect(page.locator("#cart-problems")).toHaveCount(0);
  await expect(page.locator("#cart-table tbody tr")).toHaveCount(5);

  // The cart lives on the server: a second browser sees the same.
  const other = await page.context().browser()!.newPage();
  await login(other, "ahmed.hassan");
  await other.goto("/varukorg");
  await expect(other.locator("#cart-table tbody tr")).toHaveCount(5);
  await other.close();

  // Checkout for a colleague, to a chosen address.
  await page.getByRole("link", { name: "Till kassan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kassa");
  await hydrated(page);
  await page.getByLabel(/Beställ åt en kollega/).fill("oskar");
  await page.getByRole("button", { name: /Oskar Lund/ }).click();
  await expect(page.locator("#recipient-name")).toContainText("Oskar Lund");
  await expect(page.getByLabel("Kontaktperson")).toHaveValue("Oskar Lund");
  await page.getByLabel("Leveransadress").selectOption({ label: "Centralsjukhuset hus 9 – Sjukhusvägen 9, 721 89 Norrvik" });

  // A bad phone number and a past date are refused together, in Swedish,
  // with a summary whose links lead to the fields; nothing typed is lost.
  await page.getByLabel("Referens (valfri)").fill("Ny kollega vecka 50");
  await page.getByLabel(/Önskat leveransdatum/).fill("2026-11-28");
  await page.getByLabel("Telefon").fill("ring mig");
  await page.getByRole("button", { name: "Skicka beställningen" }).click();
  const summary = page.locator("#error-summary");
  await expect(summary.getByRole("heading")).toHaveText("2 uppgifter behöver rättas");
  await expect(summary.getByRole("link")).toHaveCount(2);
  await expect(page.locator("#contact_phone-fel")).toContainText("Skriv telefonnumret med siffror");
  await expect(page.locator("#wanted_date-fel")).not.toBeEmpty();
  await expect(page.getByLabel("Referens (valfri)")).toHaveValue("Ny kollega vecka 50");
  await summary.getByRole("link", { name: /telefonnumret/ }).click();
  await expect(page.getByLabel("Telefon")).toBeFocused();

  await page.getByLabel(/Önskat leveransdatum/).fill("");
  await page.getByLabel("Telefon").fill("021-17 53 18");
  await page.getByRole("button", { name: "Skicka beställningen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tack! Beställningen är skickad." })).toBeVisible();
  await expect(page.locator("#order-recipient")).toHaveText("Oskar Lund");
  await expect(page.locator("#order-delivery")).toContainText("Sjukhusvägen 9, 721 89 Norrvik");
  await expect(page.locator("#order-lines")).toContainText("389 kr/mån i 36 mån");
  await expect(page.locator("#order-timeline")).toContainText("Skickad");
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Beställning ", "");

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mina beställningar" }).click();
  const row = page.locator("#orders-table tr", { hasText: number });
  await expect(row).toContainText("Väntar på attest");
  await expect(row).toContainText("Oskar Lund");
  await expect(row).toContainText("6 429 kr");
  await expect(row).toContainText("389 kr");
});
