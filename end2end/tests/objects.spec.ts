import { expect, test } from "@playwright/test";
import { hydrated, login } from "./helpers";

test("an administrator adds a family and an object, and is told what is missing", async ({ page }) => {
  await login(page, "per.svensson");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await hydrated(page);
  await page.getByLabel("Ny objektfamilj").fill("Forskning och utbildning");
  await page.getByRole("button", { name: "Lägg till familj" }).click();
  await expect(page.getByText("Objektfamiljen är tillagd.")).toBeVisible();
  await expect(page.locator("#families")).toContainText("Forskning och utbildning (0 objekt)");

  await page.getByRole("link", { name: "Nytt förvaltningsobjekt" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nytt förvaltningsobjekt");
  await hydrated(page);
  await page.getByLabel("Namn", { exact: true }).fill("Forskningsdata");
  await page.getByLabel("Objektfamilj").selectOption({ label: "Forskning och utbildning" });
  await page.getByLabel("Klass i FOA").selectOption({ label: "Stödobjekt" });
  await page.getByLabel("Beskrivning").fill("Lagring och delning av forskningsdata.");
  await page.getByRole("button", { name: "Skapa objektet" }).click();
  await expect(page.locator("#people-fel")).toHaveText("Objektet behöver minst en förvaltningsledare eller förvaltningsledare IT.");
  await expect(page.getByLabel("Namn", { exact: true })).toHaveValue("Forskningsdata");

  await page.getByLabel("Roll att lägga till").selectOption({ label: "Förvaltningsledare" });
  await page.getByLabel("Sök person").fill("maria");
  await page.getByRole("button", { name: /Lägg till Maria Nilsson .* som förvaltningsledare/ }).click();
  await expect(page.locator("#object-people")).toContainText("Förvaltningsledare: Maria Nilsson (maria.nilsson)");
  await page.getByRole("button", { name: "Skapa objektet" }).click();
  await expect(page).toHaveURL(/\/forvaltning\/objekt\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forskningsdata");

  await page.getByRole("link", { name: "Förvaltning", exact: true }).first().click();
  await page.locator("#families").getByRole("link", { name: "Forskning och utbildning (1 objekt)" }).click();
  await expect(page).toHaveURL(/\/forvaltning\?familj=\d+$/);
  const family = page.locator("ul[data-family='Forskning och utbildning']");
  await expect(family.locator("li")).toContainText("Forskningsdata");
  await expect(family.locator("li")).toContainText("Maria Nilsson");
});

test("a förvaltningsledare keeps the object's description; the people are appointed by others", async ({ page }) => {
  await login(page, "maria.nilsson");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await page.getByRole("link", { name: "Digital arbetsplats", exact: true }).last().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Digital arbetsplats");
  await hydrated(page);
  // Name, family and class belong to the administrator; the people to the
  // administrator and the objektägare (segregation of duties).
  await expect(page.getByLabel("Namn", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Roll att lägga till")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Ta bort/ })).toHaveCount(0);
  await expect(page.locator("#people-who-appoints")).toContainText("utses av en administratör eller av objektets objektägare");
  await page.getByLabel("Beskrivning").fill("Datorer, mobiler och samarbetsverktyg för regionens 52 000 medarbetare.");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.locator("#object-status")).toHaveText("Sparat.");

  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Beskrivning")).toHaveValue("Datorer, mobiler och samarbetsverktyg för regionens 52 000 medarbetare.");
});

test("the objektägare appoints an IT-specialist but no other objektägare", async ({ page }) => {
  await login(page, "karin.holm");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await page.getByRole("link", { name: "Vårdinformationsstöd öppenvård", exact: true }).last().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vårdinformationsstöd öppenvård");
  await hydrated(page);
  const roles = page.getByLabel("Roll att lägga till");
  await expect(roles.locator("option", { hasText: "Förvaltningsledare" }).first()).toBeAttached();
  await expect(roles.locator("option", { hasText: "Objektägare" })).toHaveCount(0);
  // Her own row cannot be removed by her.
  await expect(page.getByRole("button", { name: /Ta bort Karin Holm/ })).toHaveCount(0);
  await roles.selectOption({ label: "IT-specialist" });
  await page.getByLabel("Sök person").fill("sara");
  await page.getByRole("button", { name: /Lägg till Sara Berg .* som it-specialist/ }).click();
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.locator("#object-status")).toHaveText("Sparat.");

  await page.reload();
  await hydrated(page);
  await expect(page.locator("#object-people")).toContainText("IT-specialist: Sara Berg (sara.berg)");
});

test("someone outside the object reads it but gets no form", async ({ page }) => {
  await login(page, "anna.lindqvist");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await page.getByRole("link", { name: "Ekonomi och inköp" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ekonomi och inköp");
  await expect(page.getByText("Ekonomisystem, attest och e-handel för hela regionen.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Spara" })).toHaveCount(0);
});

test("the overview shows one's own objects first and finds the others by name and family", async ({ page }) => {
  await login(page, "johan.ek");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förvaltning" }).click();
  await hydrated(page);
  const mine = page.locator("#my-objects");
  await expect(mine.getByRole("link", { name: "Samverkan vid vårdövergångar", exact: true })).toBeVisible();
  await expect(mine.getByRole("link", { name: "Vårdinformationsstöd öppenvård", exact: true })).toBeVisible();
  await expect(mine.getByRole("link", { name: "Ekonomi och inköp" })).toHaveCount(0);

  // By part of the name, in any case.
  const filter = page.getByRole("search", { name: "Sök förvaltningsobjekt" });
  await filter.getByLabel("Sök på namn").fill("EKONOMI");
  await filter.getByRole("button", { name: "Sök" }).click();
  await expect(page).toHaveURL(/\/forvaltning\?q=EKONOMI$/);
  await expect(page.locator("#objects-count")).toHaveText("1 förvaltningsobjekt");
  await expect(page.locator("[data-object]")).toHaveCount(1);
  await expect(page.locator("[data-object]")).toContainText("Förvaltningsledare: Erik Johansson");
  await expect(filter.getByLabel("Sök på namn")).toHaveValue("EKONOMI");

  // Nothing found: said so, with what was typed kept.
  await filter.getByLabel("Sök på namn").fill("finns inte alls");
  await filter.getByRole("button", { name: "Sök" }).click();
  await expect(page.locator("#objects-empty")).toHaveText("Inga förvaltningsobjekt matchar sökningen.");
  await expect(filter.getByLabel("Sök på namn")).toHaveValue("finns inte alls");
  await expect(mine.getByRole("link", { name: "Samverkan vid vårdövergångar", exact: true })).toBeVisible();

  // One family, from the list of families.
  await filter.getByRole("link", { name: "Rensa" }).click();
  await page.locator("#families").getByRole("link", { name: /^Vårdsystem \(\d+ objekt\)$/ }).click();
  await expect(page).toHaveURL(/\/forvaltning\?familj=\d+$/);
  await expect(page.locator("ul[data-family]")).toHaveCount(1);
  await expect(page.locator("ul[data-family]")).toHaveAttribute("data-family", "Vårdsystem");
  await expect(filter.getByLabel("Objektfamilj")).toHaveValue(/^\d+$/);
  await page.locator("ul[data-family='Vårdsystem']").getByRole("link", { name: "Samverkan vid vårdövergångar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samverkan vid vårdövergångar");
});
