import { expect, test } from "@playwright/test";
import { hydrated, signedIn } from "./helpers";

// Sara Berg, the IT Asset Manager, brings assets in from an older register:
// a file with a wrong row is checked and refused with the row named, the
// corrected file is checked clean and imported whole, and the imported
// asset is in the register with its history.
test.describe.configure({ mode: "serial" });

const HEADER = "tagg;serienummer;modell;artikelnummer;anvandare;kostnadsstalle;plats;leveransdatum;garanti_till;status;inventerad";

function csv(rows: string[]) {
  return { name: "gamla-registret.csv", mimeType: "text/csv", buffer: Buffer.from([HEADER, ...rows].join("\n") + "\n", "utf-8") };
}

test("an older register is checked row by row, then imported whole, and the assets are in the register", async ({ browser }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36).toUpperCase();
  const first = `GML-${run}-1`;
  const second = `GML-${run}-2`;
  const sara = await signedIn(browser, "sara.berg");
  const page = sara.page;
  await page.goto("/tillgangar");
  await hydrated(page);
  await page.getByRole("link", { name: "Importera från CSV" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Importera tillgångar");
  await hydrated(page);
  const file = page.getByLabel(/CSV-fil/);
  const check = page.getByRole("button", { name: "Kontrollera filen" });
  await expect(check).toBeDisabled();

  // Row 3 names nobody: the check lists it and nothing can be imported.
  await file.setInputFiles(
    csv([
      `${first};SN-${run}-1;;DL-5450;anna.lindqvist;41210;Hus 14, plan 3;2022-03-01;2025-03-01;I drift;`,
      `${second};;HP EliteDesk 800 G6;;ingen.alls;41210;IT-lagret;2021-09-15;;På lager;`,
    ]),
  );
  await check.click();
  const problems = page.locator("#asset-import-problems");
  await expect(problems).toContainText("1 fel på 2 rader – ingenting har sparats");
  const row = problems.locator("tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("3");
  await expect(row).toContainText("anvandare");
  await expect(row).toContainText("Ingen person har användarnamnet eller e-postadressen ingen.alls.");
  await expect(page.getByRole("button", { name: /^Importera/ })).toHaveCount(0);

  // Corrected: clean, then imported.
  await file.setInputFiles(
    csv([
      `${first};SN-${run}-1;;DL-5450;anna.lindqvist;41210;Hus 14, plan 3;2022-03-01;2025-03-01;I drift;`,
      `${second};;HP EliteDesk 800 G6;;johan.ek;41210;IT-lagret;2021-09-15;;På lager;`,
    ]),
  );
  await check.click();
  await expect(page.locator("#asset-import-ok")).toContainText("2 tillgångar kan importeras. Ingenting är sparat än.");
  await page.getByRole("button", { name: "Importera 2 tillgångar" }).click();
  await expect(page.locator("#asset-import-done")).toContainText("Importen är klar: 2 tillgångar har lagts till i registret.");
  const recent = page.locator("#asset-imports tbody tr").first();
  await expect(recent).toContainText("gamla-registret.csv");
  await expect(recent).toContainText("Importerad");

  // The laptop is in the register, with the import on its history.
  await page.goto(`/tillgangar?q=${first}`);
  await expect(page.locator(`#assets tr[data-asset="${first}"]`)).toContainText("Anna Lindqvist");
  await page.getByRole("link", { name: first }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(first);
  await expect(page.locator("main")).toContainText("gamla-registret.csv, rad 2");

  // Checking the same file again: every tag is in the register now.
  await page.goto("/tillgangar/import");
  await hydrated(page);
  await file.setInputFiles(csv([`${first};;Dell;;;41210;;;;I drift;`]));
  await check.click();
  await expect(page.locator("#asset-import-problems")).toContainText(`Taggen ${first} finns redan i registret.`);
});

test("the import page is for the asset manager only and fits a phone", async ({ browser }) => {
  const anna = await signedIn(browser, "anna.lindqvist");
  const r = await anna.page.goto("/tillgangar/import");
  expect(r!.status()).toBe(403);
  await expect(anna.page.locator("main")).toContainText("Du har inte behörighet");

  const sara = await signedIn(browser, "sara.berg");
  await sara.page.setViewportSize({ width: 360, height: 800 });
  await sara.page.goto("/tillgangar/import");
  await hydrated(sara.page);
  const wide = await sara.page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(360);
});
