import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

test("a förvaltningsledare starts the first plan of an object from the family's template and writes in it", async ({ page }) => {
  await login(page, "johan.ek");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await page.getByRole("link", { name: "Vårdinformationsstöd öppenvård", exact: true }).last().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vårdinformationsstöd öppenvård");
  await hydrated(page);
  const plans = page.locator("section", { has: page.getByRole("heading", { name: "Förvaltningsplaner" }) });
  await expect(plans).toContainText("Ingen förvaltningsplan ännu.");

  const form = page.locator("#start-plan");
  await expect(form.getByRole("heading", { name: "Starta en förvaltningsplan" })).toBeVisible();
  const nextYear = String(new Date().getFullYear() + 1);
  await expect(form.getByLabel("År")).toHaveValue(nextYear);
  await expect(form.getByRole("radio", { name: /Objektfamiljens planmall/ })).toBeChecked();
  await form.getByRole("button", { name: "Skapa förvaltningsplan" }).click();

  await expect(page).toHaveURL(/\/forvaltning\/plan\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Vårdinformationsstöd öppenvård – förvaltningsplan ${nextYear}`);
  await hydrated(page);
  // From the template: its forums; from the object: its description.
  await expect(page.locator("#forum-list > li")).toHaveCount(2);
  await expect(page.locator("#forum-list > li").first().getByLabel("Namn")).toHaveValue("Förvaltningsgrupp");
  await expect(page.locator("#beskrivning-text")).not.toHaveValue("");
  await expect(page.getByLabel("Planperioden börjar")).toHaveValue(`${nextYear}-01-01`);
  await expect(page.getByLabel("Planperioden slutar")).toHaveValue(`${nextYear}-12-31`);
  await page.locator("#purpose-text").fill("Att ge öppenvården ett journalstöd som fungerar hela dygnet.");

  // The plan is the förvaltningsledare's draft: he writes and it is saved.
  await page.locator("#nulage-text").fill("Journalen i öppenvården används av 4 000 medarbetare.");
  // Needs with a title; one is paid for outside the förvaltning.
  const needs = page.locator("#needs-list");
  await page.getByRole("button", { name: "Lägg till behov" }).click();
  await page.getByRole("button", { name: "Lägg till behov" }).click();
  await needs.getByLabel("Rubrik, behov 1").fill("Driftstopp");
  await needs.getByRole("textbox", { name: "Behov 1", exact: true }).fill("Journalen står still vid nattliga uppdateringar.");
  await needs.getByLabel("Rubrik, behov 2").fill("Ny tidbok");
  await needs.getByRole("textbox", { name: "Behov 2", exact: true }).fill("Tidboken byts ut i regionens upphandling.");
  await needs.locator("li").nth(1).getByRole("checkbox", { name: "Finansieras utanför förvaltningen" }).check();
  await expect(page.locator("#needs-summary")).toHaveText(
    "2 behov, varav 1 markerade: de står kvar i listan men inget mål i planen får bygga på dem.",
  );
  await page.getByLabel("Övergripande mål för planen").fill("En journal som fungerar dygnet runt.");
  await page.getByLabel("Övergripande mål för daglig IT-drift och underhåll").fill("Inga oplanerade driftstopp.");
  const ops = page.locator("#goals-daglig_drift");
  await ops.getByRole("button", { name: "Lägg till mål i daglig IT-drift och underhåll", exact: true }).click();
  const goal = ops.locator("li[data-goal]").last();
  await goal.getByRole("textbox", { name: "Mål 1", exact: true }).fill("Licenser och drift enligt avtal.");
  await goal.getByLabel("Fast kostnad IT, kr").fill("100 000,01");
  await expect(page.locator("#rollup-total")).toContainText("100 000,01 kr");

  // The cost split: two parties, and the öre that does not divide goes to one of them.
  const financing = page.locator("section", { has: page.getByRole("heading", { name: "Finansiering och fördelningsnyckel" }) });
  await expect(financing).toContainText("Ingen fördelningsnyckel");
  await financing.getByRole("button", { name: "Lägg till finansierande part" }).click();
  await financing.getByRole("button", { name: "Lägg till finansierande part" }).click();
  const rows = page.locator("#financing-table tbody tr");
  await rows.nth(0).getByLabel("Part").fill("Region Norrvik");
  await rows.nth(0).getByLabel(/Andel för/).fill("66,67");
  await rows.nth(1).getByLabel("Part").fill("Kommunerna i länet");
  await rows.nth(1).getByLabel(/Andel för/).fill("30");
  await expect(page.locator("#financing-problem")).toHaveText("Andelarna blir tillsammans 96,67 %; de ska bli 100 %.");
  await rows.nth(1).getByLabel(/Andel för/).fill("33,33");
  await expect(page.locator("#financing-problem")).toHaveText("");
  await expect(rows.nth(0)).toContainText("66 670,01 kr");
  await expect(rows.nth(1)).toContainText("33 330 kr");
  await expect(page.locator("#financing-share-sum")).toHaveText("100");

  // The organisation: the object's people are there from the directory; a
  // role is added and filled from the directory, another is left vacant.
  const org = page.locator("#organisation-rader");
  const leader = org.locator("li").filter({ has: page.locator("input[value='Förvaltningsledare verksamhet']") });
  await expect(leader.getByLabel("Person", { exact: true })).toHaveValue("Johan Ek");
  await expect(leader).toContainText("Ur katalogen");
  await page.getByRole("button", { name: "Lägg till roll" }).click();
  const added = org.locator("li").last();
  await added.getByLabel("Roll", { exact: true }).fill("Objektspecialist");
  await added.getByLabel("Person", { exact: true }).fill("lindq");
  await added.getByRole("button", { name: /^Välj Anna Lindqvist/ }).click();
  await expect(added.getByLabel("Person", { exact: true })).toHaveValue("Anna Lindqvist");
  await expect(added.getByLabel("Organisation", { exact: true })).not.toHaveValue("");
  await added.getByLabel("Andel av heltid (%)", { exact: true }).fill("150");
  await expect(added.locator("[id^='organisation-fte-'][id$='-fel']")).toHaveText("Andelen av en heltid kan vara högst 100 %.");
  await expect(added.getByLabel("Andel av heltid (%)", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await added.getByLabel("Andel av heltid (%)", { exact: true }).fill("50");
  await page.getByRole("button", { name: "Lägg till roll" }).click();
  await org.locator("li").last().getByLabel("Roll", { exact: true }).fill("IT-tekniker");
  await expect(org.locator("li").last().getByLabel("Person", { exact: true })).toHaveAttribute("placeholder", "Ej tillsatt");
  await expect(page.locator("#organisation-summering")).toContainText("Bemanning i tabellen: 0,5 heltider.");

  // The IT services with their levels, an integration and a project.
  await page.getByRole("button", { name: "Lägg till IT-tjänst" }).click();
  const service = page.locator("#it-tjanster-rader li").last();
  await service.getByLabel("IT-tjänst", { exact: true }).fill("Drift av journalen");
  await service.getByLabel("Servicenivå", { exact: true }).selectOption({ label: "Guld" });
  await expect(service).toContainText("Dygnet runt, året runt. Återställning: Högst 2 timmar.");
  await page.getByRole("button", { name: "Lägg till integration" }).click();
  const integration = page.locator("#integrationer-rader li").last();
  await integration.getByLabel("Integration", { exact: true }).fill("Remisser");
  await integration.getByLabel("Mot system", { exact: true }).fill("Samverkan vid vårdövergångar");
  await page.getByRole("button", { name: "Lägg till projekt" }).click();
  const project = page.locator("#projekt-rader li").last();
  await project.getByLabel("Projekt", { exact: true }).fill("Ny tidbok");
  await project.getByLabel("När", { exact: true }).fill("Våren");
  await project.getByLabel("Finansieras av", { exact: true }).fill("Regionens upphandling");

  await expect(page.locator("#save-status")).toContainText("Sparat", { timeout: 15_000 });
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#nulage-text")).toHaveValue("Journalen i öppenvården används av 4 000 medarbetare.");
  await expect(page.locator("#purpose-text")).toHaveValue("Att ge öppenvården ett journalstöd som fungerar hela dygnet.");
  await expect(page.locator("#financing-table tbody tr").nth(1)).toContainText("33 330 kr");
  await expect(page.getByLabel("Rubrik, behov 2")).toHaveValue("Ny tidbok");
  await expect(page.locator("#needs-list li").nth(1).getByRole("checkbox", { name: "Finansieras utanför förvaltningen" })).toBeChecked();
  await expect(page.getByLabel("Övergripande mål för daglig IT-drift och underhåll")).toHaveValue("Inga oplanerade driftstopp.");
  await expect(page.locator("#organisation-rader li").last().getByLabel("Roll", { exact: true })).toHaveValue("IT-tekniker");
  await expect(page.locator("#it-tjanster-rader li").last().getByLabel("Servicenivå", { exact: true })).toHaveValue("guld");
  await expect(page.locator("#projekt-rader li").last().getByLabel("Finansieras av", { exact: true })).toHaveValue("Regionens upphandling");

  // An activity of more than twelve goals starts folded: its goals behind a
  // button that says how many, the other activities open.
  const addOps = ops.getByRole("button", { name: "Lägg till mål i daglig IT-drift och underhåll", exact: true });
  for (let i = 0; i < 12; i++) await addOps.click();
  await expect(ops.locator("li[data-goal]")).toHaveCount(13);
  await expect(page.locator("#save-status")).toContainText("Ändrat – sparas strax");
  await expect(page.locator("#save-status")).toContainText("Sparat", { timeout: 15_000 });
  await page.reload();
  await hydrated(page);
  const fold = ops.getByRole("button", { name: "Visa 13 mål i daglig IT-drift och underhåll" });
  await expect(fold).toHaveAttribute("aria-expanded", "false");
  await expect(ops.locator("li[data-goal]")).toHaveCount(0);
  await expect(ops).toContainText("100 000,01 kr");
  await fold.click();
  await expect(ops.locator("li[data-goal]")).toHaveCount(13);
  await expect(ops.locator("li[data-goal]").first()).toContainText("Licenser och drift enligt avtal.");
  const unfold = ops.getByRole("button", { name: "Dölj målen i daglig IT-drift och underhåll" });
  await expect(unfold).toHaveAttribute("aria-expanded", "true");
  await unfold.click();
  await expect(ops.locator("li[data-goal]")).toHaveCount(0);

  // The print view has it all, in the customer's chapters.
  await page.getByRole("link", { name: "Utskrift (A4)" }).click();
  await expect(page.locator("#print-needs")).toContainText("Ny tidbok");
  await expect(page.locator("#print-needs")).toContainText("Finansieras utanför förvaltningen.");
  await expect(page.locator("#print-decision")).toContainText("Utkast – inte fastställd");
  await expect(page.getByRole("heading", { level: 3, name: "4.1 Övergripande mål" })).toBeVisible();
  await expect(page.locator("#p-mal").locator("..")).toContainText("Inga oplanerade driftstopp.");
  await expect(page.locator("#print-staffing")).toContainText("Anna Lindqvist");
  await expect(page.locator("#print-staffing")).toContainText("50 %");
  await expect(page.locator("#print-staffing tr", { hasText: "IT-tekniker" })).toContainText("Ej tillsatt");
  await expect(page.locator("#print-it-services")).toContainText("Guld");
  await expect(page.locator("#print-integrations")).toContainText("Remisser");
  await expect(page.locator("#print-projects")).toContainText("Regionens upphandling");

  // Back on the object: the plan is listed, and its year is no longer offered.
  await page.goto("/forvaltning");
  await page.getByRole("link", { name: "Vårdinformationsstöd öppenvård", exact: true }).last().click();
  await hydrated(page);
  await expect(plans.getByRole("link", { name: `Förvaltningsplan ${nextYear} revision 1` })).toBeVisible();
  await expect(page.locator("#start-plan").getByLabel("År").locator("option", { hasText: nextYear })).toHaveCount(0);
});

test("an administrator keeps a family's plan template; a förvaltningsledare reads it", async ({ page, browser }) => {
  await login(page, "per.svensson");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await page.getByRole("link", { name: "Planmall för Stödsystem" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planmall för Stödsystem");
  await hydrated(page);
  await expect(page.locator("#template-status")).toContainText("Ingen mall är sparad");

  await page.getByLabel("Dagpris IT (kr)").fill("abc");
  await page.getByRole("button", { name: "Lägg till forum" }).click();
  await page.getByRole("button", { name: "Spara mallen" }).click();
  await expect(page.locator("#rate-it-fel")).toHaveText("Skriv beloppet med siffror, till exempel 1 234,50.");
  await page.getByLabel("Dagpris IT (kr)").fill("6 200");
  await page.locator("#forum-list > li").last().getByLabel("Namn").fill("Styrgrupp stödsystem");
  await page.locator("#organisation-text").fill("Objektägare och förvaltningsledare för varje stödsystem.");
  await page.getByRole("button", { name: "Spara mallen" }).click();
  await expect(page.locator("#template-status")).toContainText("Mallen är sparad. Senast sparad");
  await expect(page.locator("#template-status")).toContainText("Per Svensson");

  const url = page.url();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Dagpris IT (kr)")).toHaveValue("6 200");
  await expect(page.locator("#forum-list > li").last().getByLabel("Namn")).toHaveValue("Styrgrupp stödsystem");

  const context = await browser.newContext();
  const erik = await context.newPage();
  await login(erik, "erik.johansson");
  await erik.goto(url);
  await hydrated(erik);
  await expect(erik.getByRole("heading", { level: 1 })).toHaveText("Planmall för Stödsystem");
  await expect(erik.getByText("Mallen hålls av regionens administratörer.")).toBeVisible();
  await expect(erik.getByRole("button", { name: "Spara mallen" })).toHaveCount(0);
  await expect(erik.getByText("Styrgrupp stödsystem")).toBeVisible();
  await context.close();
});

test("an administrator sets who adopts a family's plans; others read the rule", async ({ page, browser }) => {
  await login(page, "per.svensson");
  await page.goto("/forvaltning");
  await page.getByRole("link", { name: "Planmall för Digital arbetsplats" }).click();
  await hydrated(page);
  const rule = page.locator("#adopters-rule");
  await expect(rule).toHaveText("Familjens planer fastställs av objektets objektägare.");
  await expect(page.getByRole("checkbox", { name: "Objektägare", exact: true })).toBeChecked();

  // None chosen: refused, with the choice kept as it was typed.
  await page.getByRole("checkbox", { name: "Objektägare", exact: true }).uncheck();
  await page.getByRole("button", { name: "Spara vem som fastställer" }).click();
  await expect(page.locator("#adopters-fel")).toHaveText("Välj minst en roll som ska godkänna planen.");
  await expect(rule).toHaveText("Familjens planer fastställs av objektets objektägare.");

  await page.getByRole("checkbox", { name: "Objektägare", exact: true }).check();
  await page.getByRole("checkbox", { name: "Objektägare IT" }).check();
  await page.getByRole("button", { name: "Spara vem som fastställer" }).click();
  await expect(rule).toHaveText("Familjens planer fastställs när objektägare och objektägare IT har godkänt dem, var för sig.");
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("checkbox", { name: "Objektägare IT" })).toBeChecked();

  const context = await browser.newContext();
  const maria = await context.newPage();
  await login(maria, "maria.nilsson");
  await maria.goto(page.url());
  await expect(maria.locator("#adopters-rule")).toHaveText(
    "Familjens planer fastställs när objektägare och objektägare IT har godkänt dem, var för sig.",
  );
  await expect(maria.getByRole("button", { name: "Spara vem som fastställer" })).toHaveCount(0);
  await context.close();

  // Back to the objektägare alone, as the other tests expect.
  await page.getByRole("checkbox", { name: "Objektägare IT" }).uncheck();
  await page.getByRole("button", { name: "Spara vem som fastställer" }).click();
  await expect(rule).toHaveText("Familjens planer fastställs av objektets objektägare.");
});
