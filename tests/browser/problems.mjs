// Chromium warns when a canvas is read back repeatedly; in these tests only the tests' own pixel
// checks (getImageData) do that, so the warning says nothing about the page.
const TEST_CAUSED = [/Canvas2D: Multiple readback operations using getImageData/];

/** Collects console errors/warnings, page errors and failed requests of a Playwright page. */
export function watchProblems(page) {
  const problems = [];
  page.on('console', (m) => {
    if (!['error', 'warning'].includes(m.type()) || TEST_CAUSED.some((re) => re.test(m.text()))) return;
    problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
  return problems;
}
