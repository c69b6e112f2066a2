import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { hydrated, signedIn } from "./helpers";

// Subscriptions and the monthly charging on the demo region: Anna
// Lindqvist's laptop, its Support Silver and her Microsoft 365 licence are
// subscriptions charged to her cost centre. She tries to end the licence
// too early, is told the earliest day and terminates it; Sara Berg, the IT
// Asset Manager, runs last month's charging, sees the subscription, exports
// the CSV for the finance system and closes the month.
test.describe.configure({ mode: "serial" });

/** The month before today, `2026-11`. */
function lastMonth(): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

test("a user terminates a subscription no earlier than notice and binding allow", async ({ browser }) => {
  const anna = await signedIn(browser, "anna.lindqvist");
  await anna.page.goto("/prenumerationer");
  await expect(anna.page.getByRole("heading", { level: 1 })).toHaveText("Mina prenumerationer");
  const table = anna.page.locator("#subscriptions");
  for (const service of ["Dell Latitude 5450", "Support Silver", "Microsoft 365 E3"]) {
    await expect(table).toContainText(service);
  }
  await expect(table.locator("tr", { hasText: "Support Silver" })).toContainText("NRV-100231");

  await table.getByRole("link", { name: "Microsoft 365 E3" }).click();
  await expect(anna.page.getByRole("heading", { level: 1 })).toHaveText("Microsoft 365 E3");
  await expect(anna.page.locator("#subscription-status")).toHaveText("Aktiv");
  await hydrated(anna.page);
  const form = anna.page.locator("#subscription-terminate-form");
  const end = form.getByLabel("Sista dag (ÅÅÅÅ-MM-DD)");
  const earliest = await end.inputValue();
  expect(earliest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(anna.page.locator("#subscription-terminate-rule")).toContainText(`Tidigaste slutdatum i dag är ${earliest}`);

  // Today is too early: refused in Swedish, and what she typed stays.
  const today = new Date().toISOString().slice(0, 10);
  await end.fill(today);
  await form.getByRole("button", { name: "Säg upp prenumerationen" }).click();
  await expect(anna.page.locator("#end_on-fel")).toContainText(`Tidigaste slutdatum är ${earliest}`);
  await expect(end).toHaveValue(today);
  await expect(anna.page.locator("#subscription-status")).toHaveText("Aktiv");

  await end.fill(earliest);
  await form.getByLabel("Anledning (frivillig)").fill("Byter till Microsoft 365 F3");
  await form.getByRole("button", { name: "Säg upp prenumerationen" }).click();
  await expect(anna.page.locator("#subscription-status")).toHaveText("Uppsagd");
  await expect(anna.page.locator("#subscription-terminate-form")).toHaveCount(0);
  const latest = anna.page.locator("#subscription-history tbody tr").first();
  await expect(latest).toContainText("Slutdatum");
  await expect(latest).toContainText(earliest);
  await expect(latest).toContainText("Byter till Microsoft 365 F3");

  // Her laptop's page lists what is tied to it.
  await anna.page.goto("/tillgangar");
  await anna.page.getByRole("link", { name: "NRV-100231" }).click();
  await expect(anna.page.locator("#asset-subscriptions")).toContainText("Support Silver");
  await anna.context.close();
});

test("the asset manager runs last month's charging, exports it and closes the month", async ({ browser }) => {
  test.setTimeout(120_000);
  const month = lastMonth();
  const sara = await signedIn(browser, "sara.berg");
  await sara.page.goto(`/interndebitering?period=${month}`);
  await expect(sara.page.getByRole("heading", { level: 1 })).toHaveText("Interndebitering");
  await expect(sara.page.locator("#charging-status h2")).toHaveText(`${month} – Inte körd`);
  await expect(sara.page.locator("#charging-proration")).toContainText("Delmånad debiteras per dag");
  await hydrated(sara.page);
  await sara.page.getByRole("button", { name: "Kör debiteringen" }).click();
  await expect(sara.page.locator("#charging-status h2")).toHaveText(`${month} – Öppen`);
  await expect(sara.page.locator("#charging-total")).toContainText("kr");
  const lines = sara.page.locator("#charging-lines");
  await expect(lines).toContainText("Microsoft 365 E3 (MS-M365E3)");
  await expect(lines).toContainText("Support Silver (TJ-SILV)");
  await expect(sara.page.locator("#charging-per-administration")).toContainText("kr");

  const [download] = await Promise.all([
    sara.page.waitForEvent("download"),
    sara.page.locator("#charging-csv").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`avrop-interndebitering-${month}.csv`);
  const csv = readFileSync(await download.path(), "utf8").split("\n");
  expect(csv[0]).toBe(
    "period;kundens_kostnadsstalle;kundens_kostnadsstalle_namn;forvaltning;artikelnummer;tjanst;tjanstens_kostnadsstalle;intaktskonto;kostnadskonto;antal;dagar;belopp;valuta",
  );
  expect(csv.some((l) => l.startsWith(`${month};`) && l.includes(";MS-M365E3;Microsoft 365 E3;51130;3522;6422;"))).toBe(true);

  // Running again gives the same total; closing freezes it.
  const total = await sara.page.locator("#charging-total").textContent();
  await hydrated(sara.page);
  await sara.page.getByRole("button", { name: "Kör debiteringen igen" }).click();
  await expect(sara.page.locator("#charging-total")).toHaveText(total!);
  await hydrated(sara.page);
  await sara.page.getByRole("button", { name: "Stäng månaden" }).click();
  await expect(sara.page.locator("#charging-status h2")).toHaveText(`${month} – Stängd`);
  await expect(sara.page.getByRole("button", { name: /Kör debiteringen/ })).toHaveCount(0);
  await expect(sara.page.locator("#charging-total")).toHaveText(total!);
  await expect(sara.page.getByRole("link", { name: `${month} (stängd)` })).toBeVisible();

  // A requester may not open the charging.
  const anna = await signedIn(browser, "anna.lindqvist");
  const response = await anna.page.goto(`/interndebitering?period=${month}`);
  expect(response?.status()).toBe(403);
  await anna.context.close();
  await sara.context.close();
});

test("the subscription and charging pages fit a phone", async ({ browser }) => {
  const sara = await signedIn(browser, "sara.berg");
  await sara.page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/prenumerationer", `/interndebitering?period=${lastMonth()}`]) {
    await sara.page.goto(path);
    await hydrated(sara.page);
    const wide = await sara.page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, path).toBeLessThanOrEqual(360);
  }
  await sara.context.close();
});
