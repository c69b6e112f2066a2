import { expect, Page, test } from "@playwright/test";
import { hydrated, signedIn } from "./helpers";

// Attestation on the demo region: Erik Johansson attests Kardiologi (41210)
// up to 50 000 kr; Eva Karlsson attests the förvaltning's larger orders up
// to 300 000 kr. Anna Lindqvist orders on Kardiologi vårdavdelning.
test.describe.configure({ mode: "serial" });

/** Anna orders `bundles` standard laptop workplaces (20 433 kr each) on 41210; answers the order's id and number. */
async function order(page: Page, bundles: number): Promise<{ id: string; number: string }> {
  await page.goto("/katalog");
  await page.getByRole("link", { name: /Standardarbetsplats bärbar/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dell Latitude 5450");
  await hydrated(page);
  for (let i = 0; i < bundles; i++) {
    const added = page.waitForResponse((r) => r.url().includes("/api/cart/add_bundle") && r.ok());
    await page.getByRole("button", { name: "Lägg paketet Standardarbetsplats bärbar i varukorgen" }).click();
    await added;
  }
  await page.goto("/kassa");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kassa");
  await hydrated(page);
  await page.getByLabel("Kostnadsställe").selectOption({ label: "41210 Kardiologi vårdavdelning" });
  await page.getByLabel("Telefon").fill("021-17 52 10");
  await page.getByRole("button", { name: "Skicka beställningen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tack! Beställningen är skickad." })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Beställning ", "");
  return { id, number };
}

test("an order above the attester's limit is not his to decide, he is told why, and the förvaltning's attester approves it", async ({ browser }) => {
  test.setTimeout(120_000);
  const anna = await signedIn(browser, "anna.lindqvist");
  const { id, number } = await order(anna.page, 3);
  await expect(anna.page.locator("#order-totals")).toContainText("61 299 kr");
  await expect(anna.page.locator("#order-attestation")).toContainText("Väntar på attest hos Eva Karlsson");
  // Mina beställningar says whom it waits for and since when.
  await anna.page.goto("/bestallningar");
  const row = anna.page.locator("#orders-table tbody tr", { hasText: number });
  await expect(row).toContainText(/Eva Karlsson sedan \d{4}-\d{2}-\d{2}/);

  const erik = await signedIn(browser, "erik.johansson");
  await erik.page.goto(`/attestera/${id}`);
  await expect(erik.page.locator("#why-not")).toContainText("över din attestgräns på 50 000 kr");
  await expect(erik.page.locator("#decision-form")).toHaveCount(0);

  const eva = await signedIn(browser, "eva.karlsson");
  await eva.page.goto("/attestera");
  await eva.page.locator("#pending-orders").getByRole("link", { name: number }).click();
  await expect(eva.page.getByRole("heading", { level: 1 })).toHaveText(`Beställning ${number}`);
  await hydrated(eva.page);
  await eva.page.getByRole("button", { name: "Registrera beslutet" }).click();
  await expect(eva.page.locator("#attest-summary")).toContainText("Attesterad av Eva Karlsson");

  // Decided: the list no longer says it waits, and leads to the order.
  await anna.page.reload();
  await expect(row).toContainText("Attesterad");
  await expect(row).not.toContainText("Eva Karlsson sedan");
  await row.getByRole("link", { name: number }).click();
  await expect(anna.page.getByRole("heading", { level: 1 })).toHaveText(`Beställning ${number}`);
  await hydrated(anna.page);
  await expect(anna.page.locator("#order-timeline")).toContainText("Attesterad av Eva Karlsson");
  await expect(anna.page.locator("#order-attestation")).toContainText("Attesterad av Eva Karlsson");
  // And she is told: the header counts it, the list links to the order.
  const unread = anna.page.locator("#notifications-unread");
  await expect(unread).toContainText(/^\d+/);
  await anna.page.locator("#notifications-link").click();
  await expect(anna.page.getByRole("heading", { level: 1 })).toHaveText("Aviseringar");
  const notice = anna.page.locator("#notification-list li", { hasText: `Beställning ${number} är attesterad` });
  await expect(notice).toBeVisible();
  // Marking them read takes the count out of the header at once.
  await hydrated(anna.page);
  await anna.page.locator("#notifications-read-all").click();
  await expect(anna.page.locator("#notifications-summary")).toHaveText("Alla är lästa.");
  await expect(unread).toHaveCount(0);
  await notice.getByRole("link").first().click();
  await expect(anna.page).toHaveURL(new RegExp(`/bestallningar/${id}$`));
  for (const c of [anna, erik, eva]) await c.context.close();
});

test("a substitute decides on behalf of the attester during the range, and cannot once it has ended", async ({ browser }) => {
  test.setTimeout(120_000);
  const anna = await signedIn(browser, "anna.lindqvist");
  const first = await order(anna.page, 1);

  const erik = await signedIn(browser, "erik.johansson");
  await erik.page.goto("/attestera/ersattare");
  await hydrated(erik.page);
  await erik.page.getByLabel("Sök ersättare bland medarbetarna").fill("mohammed");
  await erik.page.getByRole("button", { name: /Mohammed Ali/ }).click();
  await expect(erik.page.getByLabel("Ersättarens användarnamn")).toHaveValue("mohammed.ali");
  await erik.page.getByRole("button", { name: "Utse ersättare" }).click();
  await expect(erik.page.locator("#my-substitutes")).toContainText("Mohammed Ali");

  const mohammed = await signedIn(browser, "mohammed.ali");
  await mohammed.page.goto("/attestera");
  const row = mohammed.page.locator("#pending-orders tr", { hasText: first.number });
  await expect(row).toContainText("På uppdrag av Erik Johansson");
  await row.getByRole("link", { name: first.number }).click();
  await expect(mohammed.page.locator("#on-behalf")).toHaveText("Du beslutar på uppdrag av Erik Johansson.");
  await hydrated(mohammed.page);
  await mohammed.page.getByLabel("Avslå").check();
  await mohammed.page.getByRole("button", { name: "Registrera beslutet" }).click();
  await expect(mohammed.page.locator("#comment-fel")).toHaveText("Skriv varför beställningen avslås.");
  await mohammed.page.getByLabel("Kommentar (krävs vid avslag)").fill("Fel kostnadsställe, ska vara 41220.");
  await mohammed.page.getByLabel("Avslå").check();
  await mohammed.page.getByRole("button", { name: "Registrera beslutet" }).click();
  await expect(mohammed.page.locator("#attest-summary")).toContainText("Avslagen av Mohammed Ali på uppdrag av Erik Johansson");

  // Erik is back: the substitution ends, and Mohammed no longer sees his orders.
  await erik.page.reload();
  await hydrated(erik.page);
  await erik.page.getByRole("button", { name: "Avsluta för Mohammed Ali" }).click();
  await expect(erik.page.locator("#no-substitutes")).toBeVisible();
  const second = await order(anna.page, 1);
  await mohammed.page.goto("/attestera");
  await expect(mohammed.page.locator("#nothing-pending")).toBeVisible();
  await mohammed.page.goto(`/attestera/${second.id}`);
  await expect(mohammed.page.getByRole("alert")).toContainText("Beställningen finns inte eller väntar inte på dig.");
  for (const c of [anna, erik, mohammed]) await c.context.close();
});

test("an attester selects several orders and approves them together after confirming the list", async ({ browser }) => {
  test.setTimeout(120_000);
  const anna = await signedIn(browser, "anna.lindqvist");
  const a = await order(anna.page, 1);
  const b = await order(anna.page, 1);

  const erik = await signedIn(browser, "erik.johansson");
  await erik.page.goto("/attestera");
  await hydrated(erik.page);
  await erik.page.getByLabel(`Välj beställning ${a.number}`).check();
  await erik.page.getByLabel(`Välj beställning ${b.number}`).check();
  await erik.page.getByRole("button", { name: "Godkänn markerade (2)" }).click();
  const confirm = erik.page.locator("#confirm-approve");
  await expect(confirm).toContainText(a.number);
  await expect(confirm).toContainText(b.number);
  await confirm.getByRole("button", { name: "Ja, godkänn 2" }).click();
  await expect(erik.page.locator("#approve-result")).toContainText("2 beställningar godkända.");
  await expect(erik.page.locator("#pending-orders tr", { hasText: a.number })).toHaveCount(0);
  for (const c of [anna, erik]) await c.context.close();
});
