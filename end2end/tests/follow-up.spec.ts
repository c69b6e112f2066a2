import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { hydrated, login } from "./helpers";

// The demo plan 2026 of "Samverkan vid vårdövergångar" is adopted and its
// tertial 2 reported; these tests report tertial 3 and read the report.
test.describe.configure({ mode: "serial" });

async function openFollowUp(page: Page, username: string) {
  await login(page, username);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  const card = page.locator("li.card", { has: page.getByRole("heading", { name: "Samverkan vid vårdövergångar" }) });
  await card.getByRole("link", { name: "Uppföljning" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samverkan vid vårdövergångar – uppföljning");
  await hydrated(page);
  // The link opens this tertial of 2026, or tertial 3 when 2026 is over.
  await page.getByLabel("Rapportperiod").selectOption("2026-T3");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/period=2026-T3/);
  await expect(page.getByText("Tertial 3 2026 (september–december)").first()).toBeVisible();
  await hydrated(page);
}

test("a förvaltningsledare reports the tertial: statuses, comments and indicators", async ({ page }) => {
  await openFollowUp(page, "johan.ek");
  await expect(page.locator("#follow-up-saved")).toContainText("förifyllda från tertial 2 2026");

  const steering = page.locator("section", { has: page.getByRole("heading", { name: "Förvaltningsstyrning" }) });
  const first = steering.locator("li[data-goal]").first();
  await expect(first.getByLabel("Status")).toHaveValue("pagaende");
  await first.getByLabel("Status").selectOption("klar");
  await first.getByLabel("Kommentar").fill("Tertialrapport 3 lämnad till förvaltningsgruppen.");

  // The degree of fulfilment follows as one types: 73,5 of 75 is 98 %.
  const nps = page.locator("#indicator-list li").nth(2);
  await expect(nps.getByLabel("Indikator 3", { exact: true })).toHaveValue("Nöjd användarindex");
  await expect(nps.locator(".fulfilment")).toHaveText("96 %");
  await nps.getByLabel("Utfall").fill("73,5");
  await expect(nps.locator(".fulfilment")).toHaveText("98 %");

  // A value that is not a number is explained, nothing is saved and nothing typed is lost.
  await nps.getByLabel("Målvärde").fill("sjuttiofem");
  await expect(nps.getByRole("alert")).toHaveText("Skriv värdet med siffror, till exempel 1 234,5 eller −12.");
  await page.getByRole("button", { name: "Spara uppföljningen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Uppföljningen sparades inte" })).toContainText("Indikator 3");
  await expect(first.getByLabel("Kommentar")).toHaveValue("Tertialrapport 3 lämnad till förvaltningsgruppen.");
  await nps.getByLabel("Målvärde").fill("75");

  // What user support actually used beside the plan's third of the year:
  // the variance follows as one types, and a wrong number is named.
  const support = page.locator("#resources-table tr[data-activity='anvandarstod']");
  await expect(support).toContainText("201 066,67 kr");
  await support.getByLabel("Dagar verksamhet, utfall, användarstöd").fill("20");
  await support.getByLabel("Kronor, utfall, användarstöd").fill("100 000");
  await expect(support.locator(".variance-kr")).toHaveText("\u2212101 066,67 kr");
  await expect(support.locator(".variance-pct")).toHaveText("\u221250,3 %");
  await support.getByLabel("Dagar IT, utfall, användarstöd").fill("fem");
  await expect(page.locator("#resources-problem")).toContainText("Användarstöd:");
  await support.getByLabel("Dagar IT, utfall, användarstöd").fill("");

  // Targets that are comparisons are met or not; values may be negative.
  const stops = page.locator("#indicator-list li").nth(3);
  await expect(stops.getByLabel("Målet är")).toHaveValue("at_most");
  await expect(stops.locator(".fulfilment")).toHaveText("Ej uppfyllt");
  await stops.getByLabel("Utfall").fill("2");
  await expect(stops.locator(".fulfilment")).toHaveText("Uppfyllt");
  await expect(page.locator("#indicator-list li").nth(4).locator(".fulfilment")).toHaveText("Uppfyllt");

  // New indicators: a share of a target, and a result that must not be negative.
  await page.getByRole("button", { name: "Lägg till indikator" }).click();
  const added = page.locator("#indicator-list li").last();
  await added.getByLabel("Indikator 6", { exact: true }).fill("Lästa meddelanden inom fyra timmar, procent");
  await added.getByLabel("Utfall").fill("91");
  await added.getByLabel("Målvärde").fill("95");
  await expect(added.locator(".fulfilment")).toHaveText("95,8 %");
  await page.getByRole("button", { name: "Lägg till indikator" }).click();
  const result = page.locator("#indicator-list li").last();
  await result.getByLabel("Indikator 7", { exact: true }).fill("Resultat mot budget, tkr");
  await result.getByLabel("Utfall").fill("-120,5");
  await result.getByLabel("Målet är").selectOption({ label: "Minst (≥)" });
  await result.getByLabel("Målvärde").fill("0");
  await expect(result.locator(".fulfilment")).toHaveText("Ej uppfyllt");

  await page.getByRole("button", { name: "Spara uppföljningen" }).click();
  await expect(page.locator("#follow-up-status")).toContainText("Sparad");

  await page.reload();
  await hydrated(page);
  await expect(page.locator("#follow-up-saved")).toContainText("av Johan Ek");
  await expect(first.getByLabel("Status")).toHaveValue("klar");
  await expect(first.getByLabel("Kommentar")).toHaveValue("Tertialrapport 3 lämnad till förvaltningsgruppen.");
  await expect(page.locator("#indicator-list li").nth(5).getByLabel("Indikator 6", { exact: true })).toHaveValue("Lästa meddelanden inom fyra timmar, procent");
  await expect(page.locator("#indicator-list li").last().getByLabel("Utfall")).toHaveValue("\u2212120,5");
  await expect(page.locator("#indicator-list li").last().getByLabel("Målet är")).toHaveValue("at_least");
  await expect(page.getByLabel("Kronor, utfall, användarstöd")).toHaveValue("100 000");
});

test("everyone reads the region's report, prints it on A4 and downloads it as CSV", async ({ page }) => {
  await login(page, "anna.lindqvist");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await page.getByRole("link", { name: "Uppföljningsrapport" }).click();
  await hydrated(page);
  await page.getByLabel("Rapportperiod").selectOption("2026-T3");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uppföljningsrapport – Tertial 3 2026 (september–december)");
  await hydrated(page);

  await expect(page.locator("#report-summary")).toContainText("1 av 1");
  const samverkan = page.getByRole("article", { name: "Samverkan vid vårdövergångar" });
  const steering = samverkan.locator("table", { has: page.locator("caption", { hasText: "Objektstyrning" }) });
  await expect(steering.locator("tbody tr").first()).toContainText("Klar");
  await expect(steering.locator("tbody tr").first()).toContainText("Tertialrapport 3 lämnad till förvaltningsgruppen.");
  await expect(samverkan.locator("caption")).toHaveText([
    "Objektstyrning (förvaltningsstyrning)",
    "Stabil och säker drift (daglig IT-drift och underhåll)",
    "Användarstöd",
    "Ständiga förbättringar (ändringshantering)",
    "Indikatorer",
  ]);
  await expect(samverkan.locator("tr", { hasText: "Nöjd användarindex" })).toContainText("98 %");
  // Staffing to date against the plans: 77 + 20 of 277 days.
  await expect(page.locator("#staffing-table tr", { hasText: "Samverkan vid vårdövergångar" })).toContainText("35 %");
  await expect(page.getByRole("article", { name: "Ekonomi och inköp" })).toContainText("Ingen fastställd plan för året.");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ned som CSV" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8");
  expect(csv.startsWith("\uFEFFPeriod;Objektfamilj;Objekt;Typ;Aktivitet;Namn;VM/VU;Status;Kommentar")).toBe(true);
  expect(csv).toContain("2026-T3;Vårdsystem;Samverkan vid vårdövergångar;Mål;Objektstyrning (förvaltningsstyrning);Förvaltningsplan och budget tas fram och följs upp varje tertial.;VM;Klar;Tertialrapport 3 lämnad till förvaltningsgruppen.");
  expect(csv).toContain("Lästa meddelanden inom fyra timmar, procent;;;;;91;95;95,8 %");
  expect(csv).toContain("Oplanerade driftstopp, antal;;;;;2;≤ 2;Uppfyllt");

  // Printed, the report is the document alone: no menu, no controls.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Skriv ut eller spara som PDF" })).toBeHidden();
  await expect(page.getByLabel("Rapportperiod")).toBeHidden();
  await expect(page.getByText(/^Utskriven \d{4}-\d{2}-\d{2} ur Avrop\.$/)).toBeVisible();
  const pdf = await page.pdf({ format: "A4", path: test.info().outputPath("uppfoljning.pdf") });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await page.emulateMedia({ media: "screen" });

  // The overview counts each family's objects and goals; one family's
  // objects are a link away, and every family's a link back.
  const families = page.locator("#family-table");
  await expect(families.locator("tr", { hasText: "Vårdsystem" })).toContainText("1 av 1");
  await families.getByRole("link", { name: "Stödsystem" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Mål per objekt – Stödsystem" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Ekonomi och inköp" })).toBeVisible();
  await expect(samverkan).toHaveCount(0);
  await expect(page.getByLabel("Rapportperiod")).toHaveValue("2026-T3");
  await expect(families.getByRole("link", { name: "Stödsystem" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Visa alla familjers objekt" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Mål per objekt", exact: true })).toBeVisible();

  // Someone outside the object reads the follow-up but cannot report it.
  await samverkan.getByRole("link", { name: /Rapporterad .* av Johan Ek/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samverkan vid vårdövergångar – uppföljning");
  await expect(page.getByText("Du kan läsa uppföljningen. Bara objektets förvaltningsledare kan rapportera den.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Spara uppföljningen" })).toHaveCount(0);
});
