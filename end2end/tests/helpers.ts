import { expect, Page } from "@playwright/test";

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
