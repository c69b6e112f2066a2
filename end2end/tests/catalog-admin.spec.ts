import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

/** A day `days` from today as YYYY-MM-DD (the server's calendar is UTC here). */
function inDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test("a catalogue manager sets a future price and the catalogue keeps today's price until then", async ({ page }) => {
  const from = inDays(40);
  await login(page, "lars.andersson");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Katalogadmin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Katalogadministration" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Sök artikel").fill("PL-V5200");
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  await page.getByRole("link", { name: "PL-V5200" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Poly Voyager 5200");
  await hydrated(page);

  // A price back in time is refused in Swedish, and what was typed stays.
  const priceForm = page.locator("#price-form");
  await priceForm.getByLabel("Gäller från").fill("2020-01-01");
  await priceForm.getByLabel("Engångspris (kr)").fill("2 199,50");
  await priceForm.getByRole("button", { name: "Lägg in pris" }).click();
  await expect(page.locator("#valid_from-fel")).toHaveText(/inte bakåt i tiden/);
  await expect(priceForm.getByLabel("Engångspris (kr)")).toHaveValue("2 199,50");

  await priceForm.getByLabel("Gäller från").fill(from);
  await priceForm.getByRole("button", { name: "Lägg in pris" }).click();
  const upcoming = page.locator("#price-table tbody tr").filter({ hasText: "Kommande" });
  await expect(upcoming).toContainText(from);
  await expect(upcoming).toContainText("2 199,50 kr");
  await expect(page.locator("#price-table tbody tr").filter({ hasText: "Gäller nu" })).toContainText("1 890 kr");

  // The catalogue still shows and sells today's price, and tells what is coming.
  await page.goto("/katalog?q=PL-V5200");
  const card = page.locator("main").getByText("Poly Voyager 5200 Office").first();
  await expect(card).toBeVisible();
  await expect(page.locator("main")).toContainText("1 890 kr");
  await expect(page.locator("main")).not.toContainText("2 199,50 kr");
  await card.click();
  await expect(page.locator("#upcoming-price")).toHaveText(`Nytt pris från ${from}: 2 199,50 kr`);
});

test("a catalogue manager creates an item and sees each refused field explained", async ({ page }) => {
  // Its own article number and name, so that a retry does not meet the first try's item.
  const tag = Date.now().toString(36).toUpperCase();
  const article = `LG-MXK-${tag}`;
  const name = `Logitech MX Keys S ${tag}`;
  await login(page, "lars.andersson");
  await page.goto("/admin/katalog/artikel/ny");
  await hydrated(page);
  await page.getByLabel("Artikelnummer").fill("DL-5450");
  await page.getByLabel("Namn").fill(name);
  await page.getByRole("button", { name: "Skapa artikel" }).click();
  await expect(page.locator("#category_id-fel")).toHaveText("Välj en kategori i listan.");
  await expect(page.getByLabel("Namn")).toHaveValue(name);

  await page.getByLabel("Kategori").selectOption({ label: "\u2003Tangentbord och möss" });
  await page.getByLabel("Leverantör").selectOption({ label: "Dustin Sverige AB" });
  await page.getByRole("button", { name: "Skapa artikel" }).click();
  await expect(page.locator("#article_number-fel")).toHaveText("Artikelnumret DL-5450 används redan av en annan artikel.");
  await expect(page.getByLabel("Kategori")).toHaveValue(/\d+/);

  await page.getByLabel("Artikelnummer").fill(article);
  // A description is text, whatever it contains: it stays in its field.
  const description = 'Tyst & tunt </textarea><b id="injicerad">fet</b>';
  await page.getByLabel("Beskrivning").fill(description);
  await page.getByRole("button", { name: "Skapa artikel" }).click();
  await expect(page).toHaveURL(/\/admin\/katalog\/artikel\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${article} – ${name}`);
  await page.reload();
  await expect(page.getByLabel("Beskrivning")).toHaveValue(description);
  await expect(page.locator("#injicerad")).toHaveCount(0);
  await expect(page.getByText("Artikeln har inget pris ännu")).toBeVisible();
  await hydrated(page);
  await page.locator("#price-form").getByLabel("Engångspris (kr)").fill("1 290");
  await page.locator("#price-form").getByRole("button", { name: "Lägg in pris" }).click();
  await expect(page.locator("#price-table")).toContainText("1 290 kr");

  // A picture: a file that is not one is refused, a PNG is shown.
  await page.getByLabel(/Ny bild/).setInputFiles({ name: "bild.png", mimeType: "image/png", buffer: Buffer.from("<svg/>") });
  await page.getByRole("button", { name: "Ladda upp bild" }).click();
  await expect(page.locator("#image-fel")).toHaveText("Välj en bild i formatet PNG, JPEG eller WebP.");
  await page.getByLabel(/Ny bild/).setInputFiles({ name: "bild.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await page.getByRole("button", { name: "Ladda upp bild" }).click();
  await expect(page.getByRole("img", { name: `Bild på ${name}` })).toBeVisible();

  await page.goto(`/katalog?q=${tag}`);
  await expect(page.locator("#catalog-count")).toHaveText("1 artikel");
  await page.getByRole("link", { name, exact: true }).click();
  const img = page.locator("#item-image");
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(2);
});

/** A 2 × 2 PNG. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGMQcGgAIgYIBQAVDgNBLVfukQAAAABJRU5ErkJggg==";

const HEADER =
  "artikelnummer;namn;beskrivning;typ;kategori;leverantör;avtal;servicenivå;bindningstid_mån;uppsägningstid_mån;engångspris;månadspris;pris_från;aktiv";

test("an import is checked first, bad rows are listed, and a clean file is written", async ({ page }) => {
  await login(page, "lars.andersson");
  await page.goto("/admin/katalog/import");
  await hydrated(page);
  const file = (body: string) => ({ name: "katalog.csv", mimeType: "text/csv", buffer: Buffer.from(body, "utf-8") });

  await page.getByLabel("CSV-fil").setInputFiles(
    file(`${HEADER}\nNY-E2E-1;Dockningsstation X;;Hårdvara;DOCKNING;Okänd AB;;;0;0;1 990;;;ja\nNY-E2E-2;;;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;100;;;ja\n`),
  );
  await page.getByRole("button", { name: "Kontrollera filen" }).click();
  const problems = page.locator("#import-problems");
  await expect(problems).toContainText("2 fel – inget har sparats");
  await expect(problems.locator("tbody tr").nth(0)).toContainText("2leverantörLeverantören ”Okänd AB” finns inte.");
  await expect(problems.locator("tbody tr").nth(1)).toContainText("3namnAnge ett namn.");
  await expect(page.getByRole("button", { name: "Importera", exact: true })).toHaveCount(0);

  await page.getByLabel("CSV-fil").setInputFiles(
    file(`${HEADER}\nNY-E2E-1;Skärmkabel USB-C 2 m;;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;249;;;ja\n`),
  );
  await page.getByRole("button", { name: "Kontrollera filen" }).click();
  await expect(page.locator("#import-ok")).toContainText("1 rad: 1 ny, 0 ändrade, 1 prisändring, 0 oförändrade.");
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect(page.locator("#import-done")).toContainText("Importen är klar.");

  await page.goto("/katalog?q=NY-E2E-1");
  await expect(page.locator("main")).toContainText("Skärmkabel USB-C 2 m");
  await expect(page.locator("main")).toContainText("249 kr");
});
