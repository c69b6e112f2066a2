import { Browser, expect, Page, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

// These tests share the demo plan of "Samverkan vid vårdövergångar" 2027 and
// follow its life: edited, in conflict, reviewed, adopted.
test.describe.configure({ mode: "serial" });

async function openDraft(page: Page, username: string) {
  await login(page, username);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await page.getByRole("link", { name: "Förvaltningsplan 2027" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samverkan vid vårdövergångar – förvaltningsplan 2027");
  await hydrated(page);
}

async function signedIn(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openDraft(page, username);
  return { context, page };
}

test("a förvaltningsledare adds goals and watches the totals follow as she types", async ({ page }) => {
  await openDraft(page, "johan.ek");
  const total = page.locator("#rollup-total");
  await expect(total).toContainText("5 401 200 kr");
  await expect(total).toContainText("1,46 heltider");
  // The texts are in the server's page, readable before it is interactive.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toMatch(/<textarea[^>]*id="nulage-text"[^>]*>WebCare används av regionens sjukhus[^<]*<\/textarea>/);

  const support = page.locator("#goals-anvandarstod");
  await support.getByRole("button", { name: "Lägg till mål i användarstöd" }).click();
  const goal = support.locator("li[data-goal]").last();
  await goal.getByRole("textbox", { name: "Mål 3", exact: true }).fill("Chatt för användarstöd på kvällstid.");
  await goal.getByLabel("VM eller VU").selectOption("vu");
  await goal.getByLabel("Dagar verksamhet").fill("12,5");
  // 12,5 days × 5 600 kr = 70 000 kr, before anything is saved.
  await expect(total).toContainText("5 471 200 kr");
  await expect(page.locator("#activity-total-anvandarstod")).toContainText("673 200 kr");

  // A number the plan cannot hold is explained and not counted.
  await goal.getByLabel("Dagar IT").fill("1,25");
  await expect(goal.getByRole("alert")).toHaveText("Ange dagar med högst en decimal.");
  await expect(page.locator("#save-status")).toContainText("Inte sparat");
  // A goal that does not parse stays open, with the focus on the field.
  await goal.getByRole("button", { name: "Klar med mål 3" }).click();
  await expect(goal.getByLabel("Dagar IT")).toBeFocused();
  await goal.getByLabel("Dagar IT").fill("2");
  await expect(total).toContainText("5 482 400 kr");
  // Done: the goal is one line again, and "Ändra" opens it.
  await goal.getByRole("button", { name: "Klar med mål 3" }).click();
  await expect(goal).toContainText("Mål 3 · VU Chatt för användarstöd på kvällstid.");
  await expect(goal).toContainText("Behov: – · Verksamhet 12,5 dagar, IT 2 dagar");
  await expect(goal.getByRole("button", { name: "Ändra mål 3" })).toBeFocused();
  await expect(goal.getByLabel("Dagar IT")).toHaveCount(0);

  // Goals in every activity: one more in daily operations, with a fixed cost.
  const ops = page.locator("#goals-daglig_drift");
  await ops.getByRole("button", { name: "Lägg till mål i daglig IT-drift och underhåll", exact: true }).click();
  const opsGoal = ops.locator("li[data-goal]").last();
  await opsGoal.getByRole("textbox", { name: "Mål 3", exact: true }).fill("Ny reservkraft i serverhallen.");
  await opsGoal.getByLabel("Fast kostnad IT, kr").fill("100 000");
  await expect(total).toContainText("5 582 400 kr");

  // The plan's settings drive the arithmetic too: 291,5 days are 1,53 FTE
  // at 190 days a year and 1,46 at 200.
  await expect(total).toContainText("1,53 heltider");
  await page.getByLabel("Arbetsdagar per heltid").fill("200");
  await expect(total).toContainText("1,46 heltider");
  await page.getByLabel("Arbetsdagar per heltid").fill("20");
  await expect(page.locator("#days-per-fte-fel")).toHaveText("En heltid ska vara mellan 100 och 260 arbetsdagar.");
  await page.getByLabel("Arbetsdagar per heltid").fill("190");
  await expect(total).toContainText("1,53 heltider");
  await expect(total).toContainText("5 582 400 kr");

  // A decision forum, written in structured fields.
  await page.getByRole("button", { name: "Lägg till forum" }).click();
  const forum = page.locator("#forum-list li[data-forum]").last();
  await forum.getByLabel("Slags forum").selectOption("beslut");
  await forum.getByLabel("Namn", { exact: true }).fill("Releaseråd");
  await forum.getByLabel("Hur ofta").fill("Före varje release");

  // Needs can be reordered; the goals' references follow their needs.
  const needs = page.locator("#needs-list");
  const leadTimeGoal = page.locator("#goals-forvaltningsstyrning li[data-goal]").nth(1);
  const reminderGoal = page.locator("#goals-andringshantering li[data-goal]").nth(1);
  // One goal open, one as its line: both follow.
  await leadTimeGoal.getByRole("button", { name: "Ändra mål 2" }).click();
  await expect(leadTimeGoal.getByLabel("Behov nr")).toHaveValue("3");
  await expect(reminderGoal).toContainText("Behov: 2 ·");
  await needs.getByRole("button", { name: "Flytta upp behov 3" }).click();
  await expect(needs.getByRole("textbox", { name: "Behov 2", exact: true })).toHaveValue("Statistiken över ledtider tas fram för hand.");
  await expect(leadTimeGoal.getByLabel("Behov nr")).toHaveValue("2");
  await expect(reminderGoal).toContainText("Behov: 3 ·");
  await needs.getByRole("button", { name: "Flytta ned behov 2" }).click();
  await expect(leadTimeGoal.getByLabel("Behov nr")).toHaveValue("3");
  await expect(reminderGoal).toContainText("Behov: 2 ·");

  await expect(page.locator("#save-status")).toContainText("Sparat", { timeout: 15_000 });
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#forum-list li[data-forum]").last().getByLabel("Namn", { exact: true })).toHaveValue("Releaseråd");
  await expect(page.locator("#rollup-total")).toContainText("5 582 400 kr");
  await expect(page.locator("#goals-anvandarstod li[data-goal]").nth(2)).toContainText("Chatt för användarstöd på kvällstid.");

  // A page the browser hydrates keeps the server's goal lines until they
  // are used: a moved need still renumbers them, and "Ändra" opens its goal.
  const lead = page.locator("#goals-forvaltningsstyrning li[data-goal]").nth(1);
  const reminder = page.locator("#goals-andringshantering li[data-goal]").nth(1);
  await expect(reminder).toContainText("Behov: 2 ·");
  await needs.getByRole("button", { name: "Flytta upp behov 3" }).click();
  await expect(reminder).toContainText("Behov: 3 ·");
  await needs.getByRole("button", { name: "Flytta ned behov 2" }).click();
  await expect(reminder).toContainText("Behov: 2 ·");
  await lead.getByRole("button", { name: "Ändra mål 2" }).click();
  await expect(lead.getByRole("textbox", { name: "Mål 2", exact: true })).toBeFocused();
  await expect(lead.getByLabel("Behov nr")).toHaveValue("3");
  await expect(page.locator("#save-status")).not.toContainText(/sparas strax|Sparar/, { timeout: 15_000 });
});

test("two people editing the same plan get the conflict view instead of a lost update", async ({ browser }) => {
  const johan = await signedIn(browser, "johan.ek");
  const lars = await signedIn(browser, "lars.andersson");

  await johan.page.locator("#goals-forvaltningsstyrning").getByRole("button", { name: "Ändra mål 1" }).click();
  await johan.page.locator("#goals-forvaltningsstyrning").getByRole("textbox", { name: "Mål 1", exact: true }).fill("Planen följs upp varje månad.");
  await expect(johan.page.locator("#save-status")).toContainText("Sparat", { timeout: 15_000 });

  await lars.page.locator("#nulage-text").fill("Lars skriver om nuläget.");
  const conflict = lars.page.locator("#conflict");
  await expect(conflict).toContainText("Johan Ek sparade planen", { timeout: 15_000 });
  await expect(conflict).toContainText("De ändrade målet ”Planen följs upp varje månad.”");
  await expect(conflict).toContainText("Nulägesbeskrivning: deras version skiljer sig.");
  await conflict.getByRole("button", { name: "Läs in deras version" }).click();
  await expect(lars.page.locator("#goals-forvaltningsstyrning li[data-goal]").first()).toContainText("Planen följs upp varje månad.");
  await expect(lars.page.locator("#nulage-text")).not.toHaveValue("Lars skriver om nuläget.");

  await johan.context.close();
  await lars.context.close();
});

// The review journey, one step per test (serial: a failed step skips the
// rest), so that each step has its own time budget on a busy machine.
test("the förvaltningsledare submits the plan and the objektägare returns it with a comment", async ({ browser }) => {
  const johan = await signedIn(browser, "johan.ek");
  await johan.page.getByRole("button", { name: "Skicka på avstämning" }).click();
  await expect(johan.page.getByText("Under avstämning").first()).toBeVisible();
  await expect(johan.page.locator("#nulage-text")).toHaveCount(0);

  const karin = await signedIn(browser, "karin.holm");
  await karin.page.getByRole("button", { name: "Skicka tillbaka till förvaltningsledaren" }).click();
  await expect(karin.page.locator("#comment-fel")).toHaveText("Skriv vad som behöver ändras innan planen skickas tillbaka.");
  await karin.page.getByLabel("Vad behöver ändras?").fill("Reservkraften ska ligga under vidareutveckling.");
  await karin.page.getByRole("button", { name: "Skicka tillbaka till förvaltningsledaren" }).click();
  await expect(karin.page.locator("#plan-events")).toContainText("Reservkraften ska ligga under vidareutveckling.");
  for (const c of [johan, karin]) await c.context.close();
});

test("the förvaltningsledare reads the comment, fixes the plan and submits it again", async ({ browser }) => {
  const johan = await signedIn(browser, "johan.ek");
  await expect(johan.page.locator("#plan-events")).toContainText("Reservkraften ska ligga under vidareutveckling.");
  const ops = johan.page.locator("#goals-daglig_drift").locator("li[data-goal]").last();
  await ops.getByRole("button", { name: /^Ändra mål \d+$/ }).click();
  await ops.getByLabel("VM eller VU").selectOption("vu");
  await expect(johan.page.locator("#save-status")).toContainText("Sparat", { timeout: 15_000 });
  await johan.page.getByLabel("Kommentar till styrgruppen (valfri)").fill("Rättad.");
  await johan.page.getByRole("button", { name: "Skicka på avstämning" }).click();
  await expect(johan.page.getByText("Under avstämning").first()).toBeVisible();
  await johan.context.close();
});

test("objektägare and objektägare IT each approve: fastställd only after the second, frozen, readable by all", async ({ browser }) => {
  // Vårdsystem's plans are adopted by the objektägare and the objektägare IT together.
  const karin = await signedIn(browser, "karin.holm");
  const adopters = karin.page.locator("#adopters");
  await expect(adopters).toContainText("Planen fastställs när objektägare och objektägare IT har godkänt den");
  await karin.page.getByLabel("Beslutsdatum").fill("2026-11-19");
  await karin.page.getByLabel("Protokollsanteckning (valfri)").fill("Objektägaren godkänner, § 6.");
  await karin.page.getByRole("button", { name: "Godkänn planen som objektägare" }).click();
  await expect(adopters).toContainText("Godkänd Objektägare: Karin Holm, beslut 2026-11-19");
  await expect(adopters).toContainText("Väntar Objektägare IT");
  await expect(karin.page.locator("#plan-events")).toContainText("Godkänd som objektägare");
  await expect(karin.page.getByText("Under avstämning").first()).toBeVisible();
  await expect(karin.page.locator("#adopt-form")).toHaveCount(0);

  const ahmed = await signedIn(browser, "ahmed.hassan");
  await ahmed.page.getByLabel("Beslutsdatum").fill("2026-11-20");
  await ahmed.page.getByLabel("Protokollsanteckning (valfri)").fill("Styrgruppen 2026-11-20, § 7.");
  await ahmed.page.getByRole("button", { name: "Fastställ planen" }).click();
  await expect(ahmed.page.getByText("Fastställd 2026-11-20")).toBeVisible();
  await expect(ahmed.page.locator("#plan-events")).toContainText("Fastställd (godkänd som objektägare IT)");
  await expect(ahmed.page.locator("#adopters")).toContainText("Objektägare IT: Ahmed Hassan, beslut 2026-11-20");
  await ahmed.context.close();

  const johan = await signedIn(browser, "johan.ek");
  await expect(johan.page.locator("#rollup-total")).toContainText("5 582 400 kr");
  await expect(johan.page.locator("#nulage-text")).toHaveCount(0);
  await expect(johan.page.getByRole("button", { name: "Skicka på avstämning" })).toHaveCount(0);
  const anna = await signedIn(browser, "anna.lindqvist");
  await expect(anna.page.getByText("Fastställd 2026-11-20")).toBeVisible();
  for (const c of [johan, karin, anna]) await c.context.close();
});

test("the adopted plan prints on A4: the decision and both approvers first, each chapter on a new page", async ({ page }) => {
  await openDraft(page, "anna.lindqvist");
  await page.getByRole("link", { name: "Utskrift (A4)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Förvaltningsplan 2027 – Samverkan vid vårdövergångar");
  const decision = page.locator("#print-decision");
  await expect(decision).toContainText("Fastställd 2026-11-20");
  await expect(decision).toContainText("Protokoll: Styrgruppen 2026-11-20, § 7.");
  await expect(decision).toContainText("Fastställs av objektägare och objektägare IT.");
  const approvers = page.locator("#print-approvers");
  await expect(approvers.getByRole("row", { name: /^Objektägare Karin Holm 2026-11-19/ })).toBeVisible();
  await expect(approvers.getByRole("row", { name: /^Objektägare IT Ahmed Hassan 2026-11-20/ })).toBeVisible();
  const chapters = [
    "1 Inledning",
    "2 Objektbeskrivning och förvaltningsprodukter",
    "3 Nulägesbeskrivning, problem och behov",
    "4 Mål per förvaltningsaktivitet",
    "5 Resurser och kostnader",
    "6 Finansiering och fördelningsnyckel",
    "7 Organisation",
    "8 Beslutsfora och arbetsfora",
    "9 Projekt och kända förändringar",
  ];
  for (const name of chapters) await expect(page.getByRole("heading", { level: 2, name, exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "4.5 Daglig IT-drift och underhåll" })).toBeVisible();
  await expect(page.locator("#print-financing")).toContainText("Region Norrvik");
  await expect(page.locator("#rollup-total")).toContainText("5 582 400 kr");
  await expect(page.getByRole("heading", { level: 3, name: "2.3 IT-tjänster och servicenivåer" })).toBeVisible();
  await expect(page.locator("#print-it-services").getByRole("row", { name: /^Drift av WebCare Guld/ })).toBeVisible();
  await expect(page.locator("#print-integrations")).toContainText("Vårdinformationsstöd öppenvård");
  await expect(page.locator("#print-staffing").getByRole("row", { name: /^IT-tekniker Ej tillsatt Regionservice IT 50 %/ })).toBeVisible();
  await expect(page.locator("#print-projects")).toContainText("Gemensam e-legitimation");

  // Chromium's own print to PDF: the title page, then a page per chapter.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Skriv ut eller spara som PDF" })).toBeHidden();
  await expect(page.locator("#print-title")).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(pages).toBeGreaterThanOrEqual(1 + chapters.length);
  expect(pages).toBeLessThanOrEqual(20);
});

test("a new revision of the adopted plan shows what changed against the adopted one", async ({ page }) => {
  await openDraft(page, "johan.ek");
  await page.getByRole("button", { name: "Ny revision" }).click();
  await expect(page.getByText("Revision 2")).toBeVisible();
  await expect(page.getByText("Utkast").first()).toBeVisible();
  await hydrated(page);
  await page.locator("#goals-forvaltningsstyrning").getByRole("button", { name: "Ändra mål 1" }).click();
  const first = page.locator("#goals-forvaltningsstyrning").getByRole("textbox", { name: "Mål 1", exact: true });
  await first.fill("Planen följs upp varje vecka.");
  await page.locator("#goals-forvaltningsstyrning").locator("li[data-goal]").first().getByLabel("Dagar IT").fill("20");
  await expect(page.locator("#save-status")).toContainText("Sparat", { timeout: 15_000 });

  await page.getByRole("link", { name: "Jämför 2027 rev. 1 med den här" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Samverkan vid vårdövergångar: 2027 revision 2 jämfört med 2027 revision 1",
  );
  const changes = page.locator("#goal-changes");
  await expect(changes).toContainText("Ändrat: Förvaltningsstyrning – Planen följs upp varje vecka. (texten, dagar IT 10 → 20)");
  // 10 more IT days at 5 600 kr.
  await expect(page.locator("#compare-total")).toHaveText("+56 000 kr");
  await expect(page.locator("#compare-table")).toContainText("+16,1 %");
});

test("the portfolio counts the adopted plan and compares with last year", async ({ page }) => {
  await login(page, "anna.lindqvist");
  await page.goto("/forvaltning");
  await page.getByRole("link", { name: "Portfölj: regionens förvaltningsbudget" }).click();
  await page.getByRole("link", { name: "2027 →" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Förvaltningsportfölj 2027");
  const sum = page.locator("#portfolio-sum");
  await expect(sum).toContainText("5 582 400 kr");
  await expect(sum).toContainText("+181 200 kr (+3,4 %)");
  // Three demo objects have no adopted plan (other tests may add more).
  await expect(sum).toContainText(/Utan fastställd plan\s*\d+ objekt/);
  const objects = page.locator("#portfolio-objects");
  const row = objects.getByRole("row", { name: /Samverkan vid vårdövergångar/ });
  await expect(row).toContainText("Fastställd");
  await expect(objects.getByRole("row", { name: /Ekonomi och inköp/ })).toContainText("Ingen plan");
  // Each family's sums over all its objects; the region's in the foot.
  const families = page.locator("#portfolio-families");
  await expect(families.getByRole("row", { name: /Vårdsystem/ })).toContainText("5 582 400 kr");
  await expect(families.getByRole("row", { name: /Regionen/ })).toContainText("5 582 400 kr");

  // One family's objects, then a search by name: the sums stay the region's.
  const family = page.getByLabel("Objektfamilj", { exact: true });
  const support = await family.locator("option", { hasText: "Stödsystem" }).getAttribute("value");
  await family.selectOption(support!);
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page).toHaveURL(/familj=\d+/);
  await expect(page).toHaveURL(/ar=2027/);
  await expect(objects.getByRole("row", { name: /Ekonomi och inköp/ })).toBeVisible();
  await expect(objects.getByRole("row", { name: /Samverkan vid vårdövergångar/ })).toHaveCount(0);
  await expect(sum).toContainText("5 582 400 kr");
  await page.getByRole("link", { name: "Rensa", exact: true }).click();
  await expect(page).not.toHaveURL(/familj=/);
  await page.getByLabel("Sök på namn").fill("samverkan");
  await page.getByLabel("Sök på namn").press("Enter");
  await expect(page.locator("#portfolio-count")).toHaveText("1 objekt");
  await expect(objects.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Sök på namn").fill("finns inte alls");
  await page.getByLabel("Sök på namn").press("Enter");
  await expect(page.locator("#portfolio-empty")).toHaveText("Inga objekt matchar sökningen.");
});
