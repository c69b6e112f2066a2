import { expect, Page, test } from "@playwright/test";
import { hydrated } from "./helpers";

// Sign-in through the region's identity provider: `./x test` runs a real
// OpenID Connect provider (end2end/tools/oidc-provider.mjs) and points the
// e2e server at it. Its own development login page stands in for the
// region's SITHS login: any name, any password.
const PROVIDER = process.env.AVROP_E2E_OIDC ?? "";

test.beforeEach(async ({ page }) => {
  expect(PROVIDER, "./x test starts the tests' identity provider").not.toBe("");
  // The provider's development pages ask for a web font; nothing leaves the machine.
  await page.route("https://fonts.googleapis.com/**", (route) => route.abort());
});

/** Fills in the provider's own login form. */
async function signInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("valfritt");
  await page.locator('button[type="submit"]').click();
}

test("a person signs in with the e-tjänstekort, lands where they were going and logs out of both", async ({ page }) => {
  await page.goto("/attestera");
  await expect(page).toHaveURL(/\/logga-in\?next=%2Fattestera/);
  await hydrated(page);
  // The card first; the password form below it.
  const card = page.getByRole("link", { name: "Logga in med e-tjänstekort" });
  await expect(card).toBeVisible();
  await expect(page.getByLabel("Användarnamn")).toBeVisible();
  await card.click();
  await signInAtProvider(page, "erik.johansson");
  await expect(page).toHaveURL(/\/attestera$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attestera");
  await expect(page.locator("#signed-in-as")).toContainText("Erik Johansson");

  // Logging out ends Avrop's session and the provider's, and comes back
  // to Avrop's login page.
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/session/end`));
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(/\/logga-in\?utloggad=1$/);
  await expect(page.locator("#logged-out")).toHaveText("Du är utloggad.");
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);

  // Signed out at the provider too: the card asks for the login again.
  await hydrated(page);
  await page.getByRole("link", { name: "Logga in med e-tjänstekort" }).click();
  await signInAtProvider(page, "maria.nilsson");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("#signed-in-as")).toContainText("Maria Nilsson");
});

test("somebody the provider knows and Avrop does not gets a Swedish page that says whom to contact", async ({ page }) => {
  await page.goto("/logga-in");
  await hydrated(page);
  await page.getByRole("link", { name: "Logga in med e-tjänstekort" }).click();
  await signInAtProvider(page, "okand.person");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Du saknar behörighet");
  await expect(page.getByText("IT-servicedesk")).toBeVisible();
  await expect(page.getByText("”okand.person”")).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});

test("coming back with a sign-in that was already used shows a Swedish page and signs nobody in", async ({ page }) => {
  const response = await page.goto("/logga-in/oidc/callback?code=gammal&state=redan-anvand");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Begäran kunde inte utföras");
  await expect(page.getByText("Börja om från inloggningssidan")).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});
