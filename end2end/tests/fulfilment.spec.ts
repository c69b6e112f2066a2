import { expect, Page, request, test } from "@playwright/test";
import { annasDock, attestedByErik, hydrated, signedIn } from "./helpers";

// Fulfilment on the demo region: Anna Lindqvist orders a dock (supplied by
// Dustin) on Kardiologi, Erik Johansson attests it, the administrator Per
// Svensson makes Dustin an integration key, and Dustin's system fetches,
// acknowledges, confirms, ships and delivers the order over the supplier
// API. Anna follows it on her order page.
test.describe.configure({ mode: "serial" });

/** This month's count of delivered orders in automation category `category` on /statistik. */
async function delivered(page: Page, category: string): Promise<number> {
  await page.goto("/statistik");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Automatiseringsgrad");
  const cell = page.locator(`#month-figures tr[data-category="${category}"] td`).first();
  return Number((await cell.textContent())!.replace(/\s/g, ""));
}

test("an attested order goes to its supplier, who reports it delivered over the API, and the requester follows it", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const anna = await signedIn(browser, "anna.lindqvist");
  const { id, number } = await annasDock(anna.context.request, origin);

  const erik = await attestedByErik(browser, id);

  // The administrator makes Dustin a key; it is shown once.
  const per = await signedIn(browser, "per.svensson");
  const before = await delivered(per.page, "automatiserad_sjalvservice");
  await per.page.goto("/admin/leverantorsnycklar");
  await hydrated(per.page);
  await per.page.getByLabel("Leverantör", { exact: true }).selectOption({ label: "Dustin Sverige AB" });
  await per.page.getByLabel("Namn på nyckeln").fill("Dustins ordersystem");
  await per.page.getByRole("button", { name: "Skapa nyckel" }).click();
  const secret = (await per.page.locator("#new-supplier-key").textContent())!.trim();
  expect(secret).toMatch(/^avrop-lev_/);
  await expect(per.page.locator("#supplier-key-table")).toContainText("Dustins ordersystem");

  // Dustin's system.
  const dustin = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
  const fresh = await (await dustin.get("/api/v1/supplier/orders")).json();
  const mine = fresh.orders.find((o: { order_id: number }) => o.order_id === id);
  expect(mine.number).toBe(number);
  expect(mine.lines[0].article_number).toBe("DL-WD22TB4");
  expect((await dustin.post(`/api/v1/supplier/orders/${id}/ack`)).status()).toBe(200);
  const send = async (data: object) => {
    const r = await dustin.post("/api/v1/supplier/events", { data });
    expect(r.status(), await r.text()).toBe(200);
    return r.json();
  };
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await send({ event_id: `${id}-1`, order_id: id, type: "confirmed", occurred_at: new Date().toISOString(), expected_delivery: day });

  await anna.page.goto(`/bestallningar/${id}`);
  await hydrated(anna.page);
  await expect(anna.page.locator("#order-parts")).toContainText("Dustin Sverige AB: Bekräftad av leverantör");
  await expect(anna.page.locator("#order-parts")).toContainText(`Förväntad leverans: ${day}`);

  await send({ event_id: `${id}-2`, order_id: id, type: "shipped", occurred_at: new Date().toISOString(), tracking_number: "PN123456789SE" });
  const shippedAgain = await send({ event_id: `${id}-2`, order_id: id, type: "shipped", occurred_at: new Date().toISOString(), tracking_number: "PN123456789SE" });
  expect(shippedAgain.state).toBe("shipped");
  const lineId = mine.lines[0].line_id;
  const done = await send({
    event_id: `${id}-3`, order_id: id, type: "delivered", occurred_at: new Date().toISOString(),
    lines: [{ line_id: lineId, serial_numbers: ["CN0DOCK4711"] }],
  });
  expect(done.state).toBe("delivered");

  await anna.page.reload();
  await hydrated(anna.page);
  await expect(anna.page.getByText("Levererad", { exact: true }).first()).toBeVisible();
  await expect(anna.page.locator("#order-parts")).toContainText("Spårningsnummer: PN123456789SE");
  const timeline = anna.page.locator("#order-timeline");
  await expect(timeline).toContainText("Dustin Sverige AB har skickat leveransen, spårningsnummer PN123456789SE");
  await expect(timeline).toContainText("Dustin Sverige AB: levererad (1 serienummer)");
  await expect(timeline.getByText("spårningsnummer PN123456789SE")).toHaveCount(1);
  // And she was told.
  await anna.page.locator("#notifications-link").click();
  await expect(anna.page.getByRole("heading", { level: 1 })).toHaveText("Aviseringar");
  await expect(anna.page.locator("#notification-list")).toContainText(`Beställning ${number}: levererad`);

  // The statistics count it as automated self-service: the attestation
  // was the only human touch, the supplier reported everything.
  expect(await delivered(per.page, "automatiserad_sjalvservice")).toBe(before + 1);

  // Revoked: Dustin's system is refused at once.
  await per.page.goto("/admin/leverantorsnycklar");
  await hydrated(per.page);
  await per.page.getByRole("button", { name: "Återkalla nyckeln Dustins ordersystem för Dustin Sverige AB" }).click();
  await expect(per.page.locator("#supplier-key-table")).toContainText("Återkallad");
  expect((await dustin.get("/api/v1/supplier/orders")).status()).toBe(401);
  await dustin.dispose();
  for (const c of [anna, erik, per]) await c.context.close();
});

test("a coordinator records a supplier's steps by hand with a reason, and the requester sees them", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const anna = await signedIn(browser, "anna.lindqvist");
  const { id, number } = await annasDock(anna.context.request, origin);
  const erik = await attestedByErik(browser, id);

  const maria = await signedIn(browser, "maria.nilsson");
  const before = await delivered(maria.page, "ej_automatiserad");
  await maria.page.goto(`/bestallningar/${id}`);
  await hydrated(maria.page);
  // Her way back is the coordinators' page, not "Mina beställningar".
  await expect(maria.page.getByRole("navigation", { name: "Du är här" }).getByRole("link")).toHaveText("Koordinering");
  const form = maria.page.locator("#manual-handling form");
  await expect(form.getByRole("heading", { level: 3 })).toHaveText("Dustin Sverige AB: Väntar på att leverantören tar emot beställningen");
  await form.getByLabel("Vad har hänt?").selectOption({ label: "Mottagen av leverantören" });
  await form.getByLabel("Anledning").fill("Beställd hos Dustin per e-post");
  await form.getByRole("button", { name: "Registrera för Dustin Sverige AB" }).click();
  await expect(maria.page.locator("#order-parts")).toContainText("Dustin Sverige AB: Mottagen av leverantören");
  await hydrated(maria.page);
  const again = maria.page.locator("#manual-handling form");
  await again.getByLabel("Vad har hänt?").selectOption({ label: "Levererad" });
  await again.getByLabel("Anledning").fill("Kvitterad av godsmottagningen");
  await again.getByRole("button", { name: "Registrera för Dustin Sverige AB" }).click();
  await expect(maria.page.locator("#order-parts")).toContainText("Dustin Sverige AB: Levererad");

  await anna.page.goto(`/bestallningar/${id}`);
  await hydrated(anna.page);
  await expect(anna.page.getByRole("heading", { level: 1 })).toHaveText(`Beställning ${number}`);
  await expect(anna.page.locator("#order-timeline")).toContainText("Maria Nilsson (för hand, Dustin Sverige AB): levererad. Kvitterad av godsmottagningen");
  // The requester records nothing by hand.
  await expect(anna.page.locator("#manual-handling")).toHaveCount(0);
  // A part handled without the supplier API: not automated.
  expect(await delivered(maria.page, "ej_automatiserad")).toBe(before + 1);
  for (const c of [anna, erik, maria]) await c.context.close();
});
