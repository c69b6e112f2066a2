import { expect, request, test } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, login } from "./helpers";

const ALL = ["Katalog", "Mina beställningar", "Attestera", "Koordinering", "Statistik", "Tillgångar", "Förvaltning", "Katalogadmin", "Administration"];

// Each demo person and exactly the navigation their roles give.
const ROLES: [string, string[]][] = [
  ["anna.lindqvist", ["Katalog", "Mina beställningar", "Tillgångar", "Förvaltning"]],
  ["erik.johansson", ["Katalog", "Mina beställningar", "Attestera", "Tillgångar", "Förvaltning"]],
  ["maria.nilsson", ["Katalog", "Mina beställningar", "Koordinering", "Statistik", "Tillgångar", "Förvaltning"]],
  ["lars.andersson", ["Katalog", "Mina beställningar", "Tillgångar", "Förvaltning", "Katalogadmin"]],
  ["sara.berg", ["Katalog", "Mina beställningar", "Tillgångar", "Förvaltning"]],
  ["johan.ek", ["Katalog", "Mina beställningar", "Tillgångar", "Förvaltning"]],
  ["karin.holm", ["Katalog", "Mina beställningar", "Tillgångar", "Förvaltning"]],
  ["per.svensson", ["Katalog", "Mina beställningar", "Statistik", "Tillgångar", "Förvaltning", "Administration"]],
];

for (const [username, expected] of ROLES) {
  test(`${username} sees exactly their role's navigation`, async ({ page }) => {
    await login(page, username);
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    for (const label of ALL) {
      const link = nav.getByRole("link", { name: label, exact: true });
      if (expected.includes(label)) {
        await expect(link).toBeVisible();
      } else {
        await expect(link).toHaveCount(0);
      }
    }
    await expect(page.locator("#signed-in-as")).toBeVisible();
  });
}

test("a wrong password shows the Swedish error and keeps the username", async ({ page }) => {
  await page.goto("/logga-in");
  await hydrated(page);
  await page.getByLabel("Användarnamn").fill("anna.lindqvist");
  await page.getByLabel("Lösenord").fill("fel-lösenord");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Fel användarnamn eller lösenord.");
  await expect(page.getByLabel("Användarnamn")).toHaveValue("anna.lindqvist");
  await expect(page).toHaveURL(/\/logga-in/);
});

test("an anonymous visitor is sent to log in and comes back afterwards", async ({ page }) => {
  await page.goto("/attestera");
  await expect(page).toHaveURL(/\/logga-in\?next=%2Fattestera/);
  await hydrated(page);
  await page.getByLabel("Användarnamn").fill("erik.johansson");
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/attestera$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attestera");
});

test("a signed-in person without the role gets the Swedish 403 page", async ({ page }) => {
  await login(page, "anna.lindqvist");
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Du har inte behörighet till den här sidan");
});

test("logout ends the session and the back button does not bring the page back", async ({ page }) => {
  await login(page, "per.svensson");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Organisation" })).toBeVisible();
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/logga-in/);
  await page.goBack();
  await expect(page).toHaveURL(/\/logga-in/);
  await expect(page.getByRole("heading", { level: 1, name: "Organisation" })).toHaveCount(0);
  // The session is gone on the server too.
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(401);
});

test("an admin creates a token, uses it, revokes it, and it stops working", async ({ page, baseURL }) => {
  await login(page, "per.svensson");
  await page.goto("/admin/api-nycklar");
  await hydrated(page);
  const name = `E2E-integration ${Date.now()}`;
  await page.getByLabel("Namn").fill(name);
  // Permissions are ticked one by one; one the admin's roles do not hold is shown but cannot be ticked.
  const permissions = page.getByRole("group", { name: "Behörigheter" });
  await expect(permissions.getByRole("checkbox", { name: /Importera katalogen/ })).toBeDisabled();
  await permissions.getByRole("checkbox", { name: /Läsa beställningar/ }).check();
  await page.getByRole("button", { name: "Skapa nyckel" }).click();
  const secret = (await page.locator("#new-token").textContent())!.trim();
  expect(secret).toMatch(/^avrop_/);
  // Swedish quotation marks around the key's name.
  await expect(page.getByRole("status").filter({ hasText: "är skapad" })).toContainText(`Nyckeln ”${name}” är skapad.`);
  await expect(page.locator("#token-table tr", { hasText: name })).toContainText("orders:read");

  const api = await request.newContext({ baseURL });
  const bearer = { Authorization: `Bearer ${secret}` };
  const ok = await api.get("/api/v1/me", { headers: bearer });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).via).toBe("token");
  expect((await ok.json()).token.permissions).toEqual(["orders:read"]);
  expect((await api.get("/api/v1/orders?mine=true", { headers: bearer })).status()).toBe(200);
  // Only what it was given: no plans, no audit log, no pages.
  expect((await api.get("/api/v1/portfolio/2026", { headers: bearer })).status()).toBe(403);
  expect((await api.get("/api/v1/audit", { headers: bearer })).status()).toBe(403);
  expect((await api.get("/admin/logg.csv", { headers: bearer })).status()).toBe(403);

  await page.getByRole("button", { name: `Återkalla nyckeln ${name}` }).click();
  await expect(page.locator("#token-table tr", { hasText: name })).toContainText("Återkallad");

  const after = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error).toBe("unauthorized");
  await api.dispose();

  await page.goto("/admin/logg");
  await expect(page.locator("#log-table")).toContainText("API-nyckel återkallad");
  await expect(page.locator("#log-table")).toContainText("API-nyckel skapad");
  // Swedish throughout: object types and detail fields by name, no codes.
  const created = page.locator("#log-table tr", { hasText: "API-nyckel skapad" }).first();
  await expect(created).toContainText("API-nyckel");
  await expect(created).toContainText("Behörigheter");
  await expect(created).toContainText(name);
  await expect(page.locator("#log-table")).not.toContainText("token.create");
  await expect(page.locator("#log-table")).not.toContainText("api_token");
  // The filter offers every area's actions, an area as a whole too.
  await hydrated(page);
  await page.getByLabel("Handling").selectOption({ label: "Förvaltningsplaner, alla" });
  await expect(page.getByLabel("Handling").locator("option", { hasText: "Plan fastställd" })).toHaveCount(1);
  await expect(page.getByLabel("Handling").locator("option", { hasText: "Beställning skickad" })).toHaveCount(1);
  await page.getByLabel("Handling").selectOption({ label: "API-nycklar, alla" });
  await page.getByRole("button", { name: "Filtrera" }).click();
  await expect(page).toHaveURL(/handling=token/);
  await expect(page.locator("#log-table")).toContainText("API-nyckel återkallad");
  await expect(page.locator("#log-table")).not.toContainText("Inloggning");
});
