import { APIRequestContext, Browser, expect, Page } from "@playwright/test";

export const DEMO_PASSWORD = "avrop-demo";

/** Waits until the wasm bundle has hydrated the page. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__avrop_hydrated === true);
}

/** Logs in through the login page and waits for the start page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/logga-in");
  await hydrated(page);
  await page.getByLabel("Användarnamn").fill(username);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
}

/** A new browser context signed in as `username`. */
export async function signedIn(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

/**
 * Anna Lindqvist's order of one dock (DL-WD22TB4, supplied by Dustin) on
 * Kardiologi, over the API with her session `api`: its id and number.
 */
export async function annasDock(api: APIRequestContext, origin: string): Promise<{ id: number; number: string }> {
  const me = await (await api.get("/api/v1/me")).json();
  const items = await (await api.get("/api/v1/catalog/items?q=DL-WD22TB4")).json();
  const units = await (await api.get("/api/v1/org/units?q=HSF-KARD")).json();
  const unit = units.items[0];
  const r = await api.post("/api/v1/orders", {
    headers: { Origin: origin, "Idempotency-Key": `e2e-${Date.now()}-${Math.random()}` },
    data: {
      recipient_id: me.id,
      cost_center_id: unit.cost_centers[0].id,
      address_id: unit.delivery_addresses[0].id,
      contact_name: "Anna Lindqvist",
      contact_phone: "021-17 52 10",
      lines: [{ item_id: items.items[0].id, quantity: 1 }],
    },
  });
  expect(r.status(), await r.text()).toBe(201);
  const order = await r.json();
  return { id: order.id, number: order.number };
}

/** Erik Johansson, Kardiologi's attester, approves order `id`; his signed-in context. */
export async function attestedByErik(browser: Browser, id: number) {
  const erik = await signedIn(browser, "erik.johansson");
  await erik.page.goto(`/attestera/${id}`);
  await hydrated(erik.page);
  await erik.page.getByRole("button", { name: "Registrera beslutet" }).click();
  await expect(erik.page.locator("#attest-summary")).toContainText("Attesterad av Erik Johansson");
  return erik;
}
