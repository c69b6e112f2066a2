import { defineConfig, devices } from "@playwright/test";

// The server is started by `./x test` (or by you): see README.md.
const baseURL = process.env.AVROP_E2E_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  testDir: "./tests",
  outputDir: "./artifacts",
  // Measured on a 2-core machine running the whole suite with 2 workers:
  // the longest journey step takes ~16 s, a page's first hydration up to
  // ~5 s. Budgets are about four times that (the accessibility scans,
  // which visit up to 15 pages each, set their own).
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  // On CI one retry: stop 34's run lost a test to Chromium crashing at
  // launch (SIGSEGV before the first page). A test that passes only on its
  // retry is still reported: Playwright lists it as flaky and `./x test`
  // prints the count.
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: "results/results.json" }]],
  use: {
    baseURL,
    locale: "sv-SE",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.AVROP_CHROMIUM ?? "/usr/bin/chromium",
          args: [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
});
