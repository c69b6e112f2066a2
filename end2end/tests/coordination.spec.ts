import { expect, test } from "@playwright/test";
import { annasDock, attestedByErik, hydrated, signedIn } from "./helpers";

// The coordinators' workspace on the demo region: Anna Lindqvist orders a
// dock on Kardiologi and Erik Johansson attests it; Maria Nilsson, the
// coordinator, finds it in the queue "Attesterad", filters on its supplier,
// takes it, raises a deviation that Anna then sees on her order, and
// resolves it; the deviations queue moves with it.
test.describe.configure({ mode: "serial" });

test("a coordinator finds an attested order in its queue, takes it, raises a deviation the requester sees, and resolves it", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const origin = new URL(baseURL!).origin;
  const anna = await signedIn(browser, "anna.lindqvist");
  const { id, number } = await annasDock(anna.context.request, origin);
  const erik = await attestedByErik(browser, id);

  const maria = await signedIn(browser, "maria.nilsson");
  const page = maria.page;
  await page.goto("/koordinering");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Koordinering");
  const queues = page.getByRole("navigation", { name: "Köer" });
  await expect(queues.getByRole("link", { name: /Alla pågående/ })).toHaveAttribute("aria-current", "page");
  await queues.getByRole("link", { name: /^Attesterad/ }).click();
  await expect(page).toHaveURL(/ko=attested/);
  const row = page.locator(`#queue-orders tr[data-order="${number}"]`);
  await expect(row).toContainText("Dustin Sverige AB");
  await expect(row).toContainText("0 av 1");

  // A filter on another supplier leaves it out; on Dustin it is there.
  // The filter is folded away until one is chosen.
  await expect(page.locator("#queue-filter-box")).not.toHaveAttribute("open", "");
  await page.locator("#queue-filter-box summary").click();
  await page.getByLabel("Leverantör").selectOption({ label: "Atea Sverige AB" });
  await page.getByRole("button", { name: "Filtrera" }).click();
  await expect(page).toHaveURL(/leverantor=/);
  await expect(page.locator(`#queue-orders tr[data-order="${number}"]`)).toHaveCount(0);
  await page.getByLabel("Leverantör").selectOption({ label: "Dustin Sverige AB" });
  await page.getByRole("button", { name: "Filtrera" }).click();
  await expect(row).toBeVisible();
  await expect(page.getByLabel("Leverantör")).toHaveValue(/\d+/);
  await expect(page.locator("#queue-filter-box summary")).toHaveText("Filter (1 valt)");

  // Saved under a name, it is a link back to the same filter.
  await page.getByText("Spara det här filtret").click();
  await page.getByLabel("Namn på filtret").fill("Dustin attesterade");
  await page.getByRole("button", { name: "Spara filtret" }).click();
  await expect(page.locator("#saved-filters")).toContainText("Dustin attesterade");

  // The CSV of the filter has the order.
  const csvHref = await page.locator("#queue-csv").getAttribute("href");
  const csv = await page.context().request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`${number};Attesterad;`);

  // Taken in bulk, after a confirmation.
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Ta markerade" }).click();
  await page.getByRole("button", { name: "Ja, ta dem" }).click();
  await expect(page.locator("#bulk-actions")).toContainText("Du tog 1 beställningar.");
  await expect(row.locator("td").last()).toHaveText("Du");

  // On the order: a deviation.
  await row.getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Beställning ${number}`);
  await hydrated(page);
  await expect(page.locator("#order-taken")).toContainText("Du har tagit beställningen.");
  await page.locator("#raise-deviation summary").click();
  await page.getByLabel("Typ", { exact: true }).selectOption({ label: "Försenad" });
  await page.getByRole("button", { name: "Anmäl avvikelsen" }).click();
  // A note is required: the browser stops the empty form, the typed kind stays.
  await expect(page.getByLabel("Typ", { exact: true })).toHaveValue("delayed");
  await page.getByLabel("Vad har hänt? (beställaren ser texten)").fill("Dockan är restnoterad hos Dustin, ny leveransdag kommer.");
  await page.getByRole("button", { name: "Anmäl avvikelsen" }).click();
  const list = page.locator("#deviation-list");
  await expect(list).toContainText("Försenad");
  await expect(list).toContainText("Öppen");
  await expect(list).toContainText("Ansvarig: Maria Nilsson");

  // The deviations queue has it.
  await page.goto("/koordinering?ko=avvikelser");
  await hydrated(page);
  await expect(page.locator("#queue-deviations")).toContainText(number);

  // Anna sees that there is a deviation and its note, not who owns it.
  await anna.page.goto(`/bestallningar/${id}`);
  await hydrated(anna.page);
  const hers = anna.page.locator("#avvikelser");
  await expect(hers).toContainText("Dockan är restnoterad hos Dustin, ny leveransdag kommer.");
  await expect(hers).toContainText("Öppen");
  await expect(hers).not.toContainText("Ansvarig");
  await expect(anna.page.locator("#raise-deviation")).toHaveCount(0);

  // Resolved: gone from the queue; Anna sees it resolved.
  await page.goto(`/bestallningar/${id}`);
  await hydrated(page);
  const form = page.locator("#deviation-list form").first();
  await form.getByLabel("Kommentar, anledning eller åtgärd").fill("Dustin skickade en docka från annat lager.");
  await form.getByLabel("Vad gör du?").selectOption({ label: "Åtgärdar och stänger" });
  await form.getByRole("button", { name: "Spara" }).click();
  await expect(list).toContainText("Åtgärdad");
  await expect(list).toContainText("Åtgärd: Dustin skickade en docka från annat lager.");
  await page.goto("/koordinering?ko=avvikelser");
  await hydrated(page);
  await expect(page.locator(`#queue-deviations tr`).filter({ hasText: number })).toHaveCount(0);
  await anna.page.reload();
  await hydrated(anna.page);
  await expect(anna.page.locator("#avvikelser")).toContainText("Åtgärdad");
  await expect(anna.page.locator("#order-timeline")).toContainText("Avvikelse anmäld: Försenad");
  for (const c of [anna, erik, maria]) await c.context.close();
});
