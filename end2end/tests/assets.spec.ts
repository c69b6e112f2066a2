import { expect, test } from "@playwright/test";
import { annasDock, attestedByErik, hydrated, signedIn } from "./helpers";

// The asset register on the demo region: Anna Lindqvist's dock is attested
// by Erik Johansson and delivered (recorded by hand by the coordinator
// Maria Nilsson); it becomes Anna's asset. Sara Berg, the IT Asset Manager,
// finds it, sends it to repair and back, and reads its history.
test.describe.configure({ mode: "serial" });

test("a delivered dock becomes the recipient's asset, and the asset manager moves it through repair", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const anna = await signedIn(browser, "anna.lindqvist");
  const { id, number } = await annasDock(anna.context.request, origin);
  const erik = await attestedByErik(browser, id);

  const maria = await signedIn(browser, "maria.nilsson");
  await maria.page.goto(`/bestallningar/${id}`);
  for (const [step, reason] of [["Mottagen av leverantören", "Beställd per e-post"], ["Levererad", "Kvitterad av godsmottagningen"]]) {
    await hydrated(maria.page);
    const form = maria.page.locator("#manual-handling form");
    await form.getByLabel("Vad har hänt?").selectOption({ label: step });
    await form.getByLabel("Anledning").fill(reason);
    await form.getByRole("button", { name: "Registrera för Dustin Sverige AB" }).click();
    await expect(maria.page.locator("#order-parts")).toContainText(`Dustin Sverige AB: ${step}`);
  }

  // Anna finds the dock on her order and among her assets.
  await anna.page.goto(`/bestallningar/${id}`);
  await hydrated(anna.page);
  const link = anna.page.locator("#order-assets").getByRole("link");
  await expect(link).toHaveCount(1);
  const tag = (await link.textContent())!.trim();
  expect(tag).toMatch(/^IT-\d+-1$/);
  await anna.page.goto("/tillgangar");
  await expect(anna.page.getByRole("heading", { level: 1 })).toHaveText("Mina tillgångar");
  const row = anna.page.locator(`#assets tr[data-asset="${tag}"]`);
  await expect(row).toContainText("I drift");
  await expect(row).toContainText("Anna Lindqvist");
  await row.getByRole("link", { name: tag }).click();
  await expect(anna.page.getByRole("heading", { level: 1 })).toContainText(tag);
  await expect(anna.page.locator("#asset-facts-list").getByRole("link", { name: number })).toHaveAttribute("href", `/bestallningar/${id}`);
  // She reads; only the asset manager changes.
  await expect(anna.page.locator("#asset-status-form")).toHaveCount(0);

  const sara = await signedIn(browser, "sara.berg");
  await sara.page.goto("/tillgangar");
  await hydrated(sara.page);
  await expect(sara.page.getByRole("heading", { level: 1 })).toHaveText("Tillgångar");
  await sara.page.getByLabel("Sök", { exact: true }).fill(tag);
  await sara.page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(sara.page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(sara.page.locator("#assets tbody tr")).toHaveCount(1);
  await sara.page.getByRole("link", { name: tag }).click();
  await expect(sara.page.locator("#asset-status")).toContainText("I drift");

  for (const [status, reason] of [["På reparation", "Laddar inte datorn"], ["I drift", "Utbytt av Dustin under garantin"]]) {
    await hydrated(sara.page);
    const form = sara.page.locator("#asset-status-form");
    await form.getByLabel("Ny status").selectOption({ label: status });
    await form.getByLabel("Anledning").fill(reason);
    await form.getByRole("button", { name: "Spara status" }).click();
    await expect(sara.page.locator("#asset-status")).toContainText(status);
  }
  const history = sara.page.locator("#asset-history tbody tr");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText("Sara Berg");
  await expect(history.first()).toContainText("På reparation");
  await expect(history.first()).toContainText("Utbytt av Dustin under garantin");
  await expect(history.nth(1)).toContainText("Laddar inte datorn");

  // A reason is required: the form says so and keeps the choice.
  await hydrated(sara.page);
  const form = sara.page.locator("#asset-status-form");
  await form.getByLabel("Ny status").selectOption({ label: "Borttappad" });
  await form.getByLabel("Anledning").fill("   ");
  await form.getByRole("button", { name: "Spara status" }).click();
  await expect(sara.page.locator("#reason-fel")).toHaveText("Skriv varför statusen ändras.");
  await expect(form.getByLabel("Ny status")).toHaveValue("lost");
  await expect(sara.page.locator("#asset-status")).toContainText("I drift");

  // An inventory that does not find it proposes Borttappad.
  await sara.page.reload();
  await hydrated(sara.page);
  const inventory = sara.page.locator("#asset-inventory-form");
  await inventory.getByLabel("Nej, hittades inte").check();
  await inventory.getByLabel("Anteckning (krävs om den inte hittades)").fill("Inte på skrivbordet eller i förrådet");
  await inventory.getByRole("button", { name: "Registrera inventering i dag" }).click();
  await expect(sara.page.locator("#asset-inventory-missing")).toBeVisible();
  await expect(sara.page.locator("#asset-status-form").getByLabel("Ny status")).toHaveValue("lost");
  await expect(sara.page.locator("#asset-facts-list")).toContainText("hittades inte (Sara Berg)");

  // It turns up at a colleague's: moved to Johan Ek.
  await hydrated(sara.page);
  await sara.page.locator("#asset-transfer summary").click();
  const move = sara.page.locator("#asset-transfer-form");
  await move.getByLabel("Byt användare – sök bland medarbetarna").fill("Johan");
  await move.locator("#asset-transfer-hits").getByRole("button", { name: /Johan Ek/ }).click();
  await expect(sara.page.locator("#asset-transfer-user")).toHaveText("Johan Ek");
  await move.getByLabel("Anledning").fill("Dockan står hos Johan");
  await move.getByRole("button", { name: "Flytta tillgången" }).click();
  await expect(sara.page.locator("#asset-facts-list")).toContainText("Johan Ek");
  await expect(sara.page.locator("#asset-history tbody tr").first()).toContainText("Dockan står hos Johan");

  for (const c of [anna, erik, maria, sara]) await c.context.close();
});

test("Byt ut on a computer orders its standard replacement linked to it", async ({ browser }) => {
  // Johan Ek's desktop: his cart is used by no other spec running beside this one.
  const johan = await signedIn(browser, "johan.ek");
  await johan.page.goto("/tillgangar");
  await johan.page.getByRole("link", { name: "NRV-100523" }).click();
  await expect(johan.page.getByRole("heading", { level: 1 })).toContainText("NRV-100523");
  await hydrated(johan.page);
  await johan.page.locator("#asset-replace-form").getByRole("button", { name: "Byt ut" }).click();
  await expect(johan.page).toHaveURL(/\/kassa\?ersatter=\d+$/);
  await expect(johan.page.locator("#replacing")).toContainText("Beställningen ersätter NRV-100523 Dell OptiPlex 7020 Micro (Johan Ek)");
  // The standard replacement is in the cart.
  await expect(johan.page.locator("aside")).toContainText("Dell OptiPlex 7020 Micro");
  await hydrated(johan.page);
  await johan.page.getByLabel("Telefon").fill("021-17 60 55");
  await johan.page.getByRole("button", { name: "Skicka beställningen" }).click();
  await expect(johan.page).toHaveURL(/\/bestallningar\/\d+/);
  await expect(johan.page.locator("#order-replaces")).toContainText("NRV-100523 Dell OptiPlex 7020 Micro");
  await johan.context.close();
});

test("the replacement forecast shows computers reaching end of life, for budgeting", async ({ browser }) => {
  const johan = await signedIn(browser, "johan.ek");
  await johan.page.goto("/");
  await johan.page.getByRole("link", { name: "Ersättningsprognos" }).click();
  await expect(johan.page.getByRole("heading", { level: 1 })).toHaveText("Ersättningsprognos");
  await expect(johan.page.locator("#forecast-rule")).toContainText("48 månader efter leveransen");
  const total = johan.page.locator("#forecast-administrations tr", { hasText: "Hela regionen" });
  await expect(total).toBeVisible();
  await expect(total).toContainText("kr/mån");
  // A longer life: fewer in the windows, or none.
  await hydrated(johan.page);
  await johan.page.getByLabel("Livslängd från leverans (månader)").fill("120");
  await johan.page.getByRole("button", { name: "Visa prognosen" }).click();
  await expect(johan.page).toHaveURL(/alder=120/);
  await expect(johan.page.locator("#forecast-empty")).toBeVisible();
  // A life that is no number is refused in Swedish.
  await johan.page.goto("/tillgangar/prognos?alder=fyra");
  await expect(johan.page.getByText("Skriv livslängden i hela månader, till exempel 48.")).toBeVisible();
  await johan.context.close();
});

test("the asset pages fit a phone", async ({ browser }) => {
  const sara = await signedIn(browser, "sara.berg");
  await sara.page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/tillgangar", "/tillgangar/prognos"]) {
    await sara.page.goto(path);
    await hydrated(sara.page);
    const wide = await sara.page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, path).toBeLessThanOrEqual(360);
  }
  await sara.context.close();
});

test("the asset manager narrows the register to a model by a part of its name", async ({ browser }) => {
  const sara = await signedIn(browser, "sara.berg");
  await sara.page.goto("/tillgangar");
  await hydrated(sara.page);
  await sara.page.locator("#asset-more-filters summary").click();
  await sara.page.getByLabel("Modell", { exact: true }).fill("latitude 54");
  await sara.page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(sara.page).toHaveURL(/modellnamn=latitude\+54/);
  const rows = sara.page.locator("#assets tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText("Dell Latitude 5450");
  }
  // The filter stays in the form, counted in its summary, and a name no
  // model has lists nothing.
  await expect(sara.page.getByLabel("Modell", { exact: true })).toHaveValue("latitude 54");
  await expect(sara.page.locator("#asset-more-filters summary")).toHaveText("Fler filter (1 valt)");
  await sara.page.goto("/tillgangar?modellnamn=ingen-sadan-modell");
  await expect(sara.page.locator("#assets-empty")).toHaveText("Inga tillgångar med det här filtret.");
  await sara.context.close();
});
