/**
 * End-to-end tests: Playwright driving Debian's Chromium (never a downloaded
 * browser) against the production build served by `vite preview`.
 * One worker: the machine has 2 cores and SwiftShader WebGL is CPU-bound, so
 * parallel browsers would only slow each other down and make timings noisy.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/browser';

// Several checkouts may test on one machine: each picks its own port (NWL_E2E_PORT), so none reuses another's server.
const PORT = Number(process.env.NWL_E2E_PORT ?? 4317);

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 150_000,
  expect: { timeout: 10_000 },
  reporter: [['list', { printSteps: false }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 900 },
    trace: 'off',
    screenshot: 'off',
    video: 'off',
  },
  webServer: {
    command: `npm run build -- --logLevel error && npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
