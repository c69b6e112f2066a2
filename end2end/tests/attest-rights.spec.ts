import { expect, Page, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

// Folktandvården and Kultur: no other test orders there, so the rights given
// here route nobody else's orders. Each run ends what it gave, and starts by
// ending whatever an earlier, interrupted run left.

/** Today as YYYY-MM-DD (the server's calendar is UTC here). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const HEADER = "kostnadsstalle;person;belopp;giltig_fran;giltig_till";

/** Ends every open attest right of `username` through the list's buttons. */
async function endAll(page: Page, username: string) {
  await page.goto(`/admin/attestratt?person=${username}`);
  await hydrated(page);
  await expect(page.locator("#rights-table, #rights-empty")).toBeVisible();
  const rows = page.locator("#rights-table tbody tr");
  for (let n = await rows.count(); n > 0; n--) {
    await rows.first().getByRole("button", { name: /^Avsluta/ }).click();
    await expect(rows).toHaveCount(n - 1);
  }
}

test("an administrator gives attest rights, not to himself, and imports the finance system's file once its bad row is fixed", async ({
  page,
}) => {
  // Measured at about 45 s on a busy 2-core machine: twice that.
  test.setTimeout(120_000);
  await login(page, "per.svensson");
  await endAll(page, "ali.rahimi");
  await endAll(page, "gustav.hellstrom");

  await page.goto("/admin");
  await hydrated(page);
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Attesträtt" }).click();
  await expect(page).toHaveURL(/\/admin\/attestratt$/);
  await expect(page.getByRole("heading", { level: 1, name: "Attesträtt" })).toBeVisible();
  const table = page.locator("#rights-table");
  await expect(table).toContainText("erik.johansson");

  // His own rights: refused, whatever he types.
  const form = page.locator("#right-form");
  await form.getByLabel("Person").fill("per.svensson");
  await form.getByLabel("Kostnadsställe (kod)").fill("72110");
  await form.getByLabel("Attestgräns per beställning (kr)").fill("25 000");
  await form.getByRole("button", { name: "Ge attesträtt" }).click();
  await expect(page.locator("#right-error")).toContainText("Du kan inte ge, ändra eller avsluta attesträtt för dig själv.");
  await expect(form.getByLabel("Attestgräns per beställning (kr)")).toHaveValue("25 000");

  // Someone else's: given, and listed.
  await form.getByLabel("Person").fill("ali.rahimi");
  await form.getByRole("button", { name: "Ge attesträtt" }).click();
  await expect(page.locator("#right-added")).toContainText(
    "Ali Rahimi har nu attesträtt för 72110 Käkkirurgi upp till 25 000 kr",
  );
  const alis = table.locator("tbody tr").filter({ hasText: "ali.rahimi" });
  await expect(alis.filter({ hasText: "72110" })).toContainText("25 000 kr");
  await expect(alis.filter({ hasText: "72110" })).toContainText("tills vidare");

  // The finance system's file with one bad row: checked, nothing written.
  const good = `72120;ali.rahimi@regionnorrvik.se;15 000;${today()};`;
  await page.getByLabel("CSV-fil").setInputFiles({
    name: "attestratter.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`\uFEFF${HEADER}\n${good}\n61110;gustav.hellstrom;femtontusen;${today()};\n`, "utf-8"),
  });
  const text = page.getByLabel(/Filens innehåll/);
  await expect(text).toHaveValue(/gustav\.hellstrom/);
  await page.getByRole("button", { name: "Kontrollera", exact: true }).click();
  const problems = page.locator("#rights-import-problems");
  await expect(problems).toContainText("attestratter.csv: 1 fel – inget har sparats");
  await expect(problems.locator("tbody tr")).toHaveCount(1);
  await expect(problems.locator("tbody tr").first()).toContainText("3beloppSkriv attestgränsen med siffror");
  await expect(page.getByRole("button", { name: "Importera", exact: true })).toHaveCount(0);
  await expect(alis.filter({ hasText: "72120" })).toHaveCount(0);

  // Fixed in the text field, checked again, then imported.
  await text.fill(`${HEADER}\n${good}\n61110;gustav.hellstrom;12 000;${today()};\n`);
  await page.getByRole("button", { name: "Kontrollera", exact: true }).click();
  await expect(page.locator("#rights-import-ok")).toContainText("2 rader");
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect(page.locator("#rights-import-done")).toContainText("Importen är klar.");
  await expect(alis.filter({ hasText: "72120" })).toContainText("15 000 kr");
  await expect(table.locator("tbody tr").filter({ hasText: "gustav.hellstrom" })).toContainText("12 000 kr");

  await endAll(page, "ali.rahimi");
  await endAll(page, "gustav.hellstrom");
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the attest rights page fits the width", async ({ page }) => {
    await login(page, "per.svensson");
    await page.goto("/admin/attestratt");
    await hydrated(page);
    await expect(page.locator("#rights-table")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
