import { defineConfig } from '@playwright/test';

const port = Number(process.env.AP_TEST_PORT ?? 8131);
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  timeout: 30_000,
  reporter: [['list']],
  // One output folder per port: Playwright empties it when a run starts, so runs side by side must not share it.
  outputDir: `${process.env.TMPDIR ?? '/tmp'}/ap-playwright-${port}`,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1000, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port}`,
    cwd: '../..',
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
  },
});
