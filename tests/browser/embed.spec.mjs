// <activation-playground> and the iframe mode on a page of another origin: the element loaded from a
// CDN-like origin (dist/web/embed.mjs, as the npm package ships it), the iframe from the site.
import { test, expect } from '@playwright/test';
import { startEmbedServers } from './fixtures/embed-servers.mjs';
import { watchProblems } from './problems.mjs';

let servers;
test.beforeAll(async () => { servers = await startEmbedServers(); });
test.afterAll(async () => { await servers?.close(); });
test.use({ viewport: { width: 1300, height: 2400 } });

const EMBED = () => `${servers.cdn}/dist/web/embed.mjs`;
const LISTEN = `<script>
  window.events = [];
  for (const t of ['ready', 'epoch', 'error']) document.addEventListener(t, (e) => events.push({ type: t, id: e.target.id, detail: e.detail }));
  window.frameEvents = [];
  addEventListener('message', (e) => { if (e.data && e.data.source === 'activation-playground') frameEvents.push({ origin: e.origin, type: e.data.type, detail: e.data.detail }); });
</script>`;

/** A scratch page on the host origin: `body` plus the event recorders and the element's one script tag. */
function scratch(path, body, headers) {
  servers.page(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>scratch</title><link rel="icon" href="data:,">
<style>activation-playground:not(:defined) { display: block; min-height: 420px }</style></head><body>
${LISTEN}${body}<script type="module" src="${EMBED()}"></script></body></html>`, headers);
  return `${servers.host}${path}`;
}

const el = (page, id) => page.locator(`#${id}`);
const ready = (page, id) => expect(el(page, id)).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
const epochOf = (page, id) => el(page, id).locator('[data-id="epoch"]').first().textContent().then(Number);
/** The values of the inputs inside an element's shadow root (the explorer's parameters among them). */
const inputValues = (page, id) => el(page, id).evaluate((e) => [...e.shadowRoot.querySelectorAll('input')].map((i) => i.value));
const wasmFetches = () => servers.requests.filter((p) => p.endsWith('.wasm'));

/** Blue-ish or orange-ish pixels on the explorer's chart canvas (inside the shadow root). */
const chartInk = (page, id) => el(page, id).locator('canvas').first().evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i + 2] > 180 || d[i] > 200) && Math.abs(d[i] - d[i + 2]) > 80) n++;
  return n;
});

test('two elements and an iframe on a page of another origin work at once and independently, from one .wasm fetch', async ({ page }) => {
  const problems = watchProblems(page);
  const site = test.info().project.use.baseURL;
  // Side by side, so that all three are on screen (embeds off-screen do not train).
  const url = scratch('/two.html', `<div style="display: grid; grid-template-columns: 1fr 1fr; gap: 8px">
<div><activation-playground id="ex" view="explorer" activation="leaky_relu" negative_slope="0.2"><p>Fallback: a chart of leaky ReLU.</p></activation-playground>
<iframe id="fr" title="trainer" style="width: 100%" height="1000" src="${site}/index.html?embed=1&view=trainer&dataset=circle&speed=1&origin=${encodeURIComponent(servers.host)}"></iframe></div>
<activation-playground id="tr" view="trainer" dataset="xor" speed="1"></activation-playground></div>`);
  servers.requests.length = 0;
  await page.goto(url);
  await ready(page, 'ex');
  await ready(page, 'tr');
  // The explorer draws leaky ReLU with the attribute's slope.
  await expect.poll(() => inputValues(page, 'ex')).toContain('0.2');
  expect(await chartInk(page, 'ex')).toBeGreaterThan(200);
  await expect(el(page, 'ex').getByText('Fallback: a chart')).toBeHidden();
  // The trainer trains in a worker started from a blob: bootstrap (the script is on another origin).
  expect(await el(page, 'tr').evaluate((e) => [e.build, e.thread])).toEqual(['simd', 'blob-worker']);
  await el(page, 'tr').evaluate((e) => e.play());
  await expect.poll(() => epochOf(page, 'tr'), { timeout: 15_000 }).toBeGreaterThan(3);
  // The iframe is ready and trains when told, while the element keeps training.
  await expect.poll(() => page.evaluate(() => frameEvents.filter((e) => e.type === 'ready').length), { timeout: 20_000 }).toBe(1);
  await page.evaluate(() => document.getElementById('fr').contentWindow.postMessage({ type: 'play' }, '*'));
  await expect.poll(() => page.evaluate(() => Math.max(0, ...frameEvents.filter((e) => e.type === 'epoch').map((e) => e.detail.epoch))), { timeout: 15_000 }).toBeGreaterThan(3);
  const before = await epochOf(page, 'tr');
  await expect.poll(() => epochOf(page, 'tr')).toBeGreaterThan(before);
  // One fetch of the module for the whole page: both elements and the worker share it.
  expect(wasmFetches()).toEqual(['/dist/ap_simd.wasm']);
  const events = await page.evaluate(() => events);
  expect(events.filter((e) => e.type === 'ready').map((e) => e.id).sort()).toEqual(['ex', 'tr']);
  expect(events.filter((e) => e.type === 'epoch' && e.id === 'tr').at(-1).detail).toMatchObject({ epoch: expect.any(Number), trainLoss: expect.any(Number), testLoss: expect.any(Number) });
  expect(events.filter((e) => e.type === 'error')).toEqual([]);
  expect(problems).toEqual([]);
});

test('epoch events come at most once per animation frame, and changing an attribute updates the widget', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto(scratch('/attrs.html', `
<activation-playground id="ex" view="explorer" activation="tanh"></activation-playground>
<activation-playground id="tr" view="trainer" dataset="circle" autoplay></activation-playground>`));
  await ready(page, 'ex');
  await ready(page, 'tr');
  await expect.poll(() => epochOf(page, 'tr'), { timeout: 15_000 }).toBeGreaterThan(10);  // autoplay: training while visible
  const { frames, epochs } = await page.evaluate(() => new Promise((resolve) => {
    let frames = 0;
    const start = events.length;
    const tick = () => { frames++; if (frames < 60) requestAnimationFrame(tick); else resolve({ frames, epochs: events.slice(start).filter((e) => e.type === 'epoch').length }); };
    requestAnimationFrame(tick);
  }));
  expect(epochs).toBeGreaterThan(5);
  expect(epochs).toBeLessThanOrEqual(frames + 1);
  // The explorer follows its attributes.
  await el(page, 'ex').evaluate((e) => e.setAttribute('activation', 'elu'));
  await expect(el(page, 'ex').locator('[data-id="formula"]')).toContainText('alpha', { timeout: 10_000 });
  await el(page, 'ex').evaluate((e) => e.setAttribute('alpha', '2'));
  await expect.poll(() => inputValues(page, 'ex')).toContain('2');
  // A live key (lr) keeps the running network; another key (dataset) rebuilds it.
  const e1 = await epochOf(page, 'tr');
  await el(page, 'tr').evaluate((e) => e.setAttribute('lr', '0.1'));
  await expect(el(page, 'tr').locator('[data-id="lr"]')).toHaveValue('0.1');
  expect(await epochOf(page, 'tr')).toBeGreaterThanOrEqual(e1);
  await el(page, 'tr').evaluate((e) => { e.pause(); e.setAttribute('dataset', 'xor'); });
  await expect(el(page, 'tr').locator('[data-id="dataset"]')).toHaveValue('xor', { timeout: 10_000 });
  await expect.poll(() => epochOf(page, 'tr')).toBe(0);
  expect(problems).toEqual([]);
});

test('the iframe posts its events to the parent and takes commands only from the origin ?origin= names', async ({ page }) => {
  const problems = watchProblems(page);
  const site = test.info().project.use.baseURL;
  const frameSrc = `${site}/index.html?embed=1&view=trainer&dataset=xor&speed=1&origin=${encodeURIComponent(servers.host)}`;
  // A second frame, from the CDN origin, sends commands to the trainer frame: they must be ignored.
  await page.goto(scratch('/frame.html', `
<iframe id="fr" title="trainer" width="1200" height="900" src="${frameSrc}"></iframe>
<iframe id="foreign" title="foreign" width="300" height="100" src="${servers.cdn}/tests/browser/fixtures/embed-foreign.html"></iframe>`));
  await expect.poll(() => page.evaluate(() => frameEvents.filter((e) => e.type === 'ready').length), { timeout: 20_000 }).toBe(1);
  expect(await page.evaluate(() => frameEvents[0].origin)).toBe(site);
  const frame = page.frameLocator('#fr');
  const epoch = () => frame.locator('[data-id="epoch"]').textContent().then(Number);
  await page.evaluate(() => document.getElementById('foreign').contentWindow.postMessage('send play', '*'));
  await expect.poll(() => page.evaluate(() => document.title), { timeout: 5000 }).toBe('scratch');
  await page.waitForTimeout(1500);
  expect(await epoch()).toBe(0);
  // Malformed messages from the parent are answered with one error event each; then a command works.
  await page.evaluate(() => {
    const w = document.getElementById('fr').contentWindow;
    for (const m of [null, 'play', 42, [], { type: 'nope' }, { type: 'set' }, { type: 'set', key: '__proto__', value: 1 }, { type: 'set', key: 'lr', value: {} }, { type: 'set', key: 'x'.repeat(100), value: 1 }]) w.postMessage(m, '*');
    w.postMessage({ type: 'play' }, '*');
  });
  await expect.poll(() => page.evaluate(() => frameEvents.filter((e) => e.type === 'error').length)).toBe(9);
  expect(await page.evaluate(() => frameEvents.filter((e) => e.type === 'error').every((e) => e.detail.message.startsWith('ignored a message: ')))).toBe(true);
  await page.evaluate(() => { frameEvents = frameEvents.filter((e) => e.type !== 'error'); });
  await expect.poll(epoch, { timeout: 15_000 }).toBeGreaterThan(3);
  await page.evaluate(() => document.getElementById('fr').contentWindow.postMessage({ type: 'pause' }, '*'));
  await expect(frame.locator('[data-id="play"]')).toHaveAttribute('aria-label', 'Play');
  // set: a live key through the control, another key rebuilds the view (ready again).
  await page.evaluate(() => document.getElementById('fr').contentWindow.postMessage({ type: 'set', key: 'lr', value: 0.1 }, '*'));
  await expect(frame.locator('[data-id="lr"]')).toHaveValue('0.1');
  await page.evaluate(() => document.getElementById('fr').contentWindow.postMessage({ type: 'set', key: 'dataset', value: 'circle' }, '*'));
  await expect(frame.locator('[data-id="dataset"]')).toHaveValue('circle');
  await expect.poll(() => page.evaluate(() => frameEvents.filter((e) => e.type === 'ready').length)).toBe(2);
  expect(await page.evaluate(() => frameEvents.filter((e) => e.type === 'error'))).toEqual([]);
  expect(problems).toEqual([]);
});

test('the iframe reports its content height: sized to it, the frame shows the whole view without scrolling', async ({ page }) => {
  const problems = watchProblems(page);
  const site = test.info().project.use.baseURL;
  await page.goto(scratch('/frame.html', `
<iframe id="fr" title="fit" width="900" height="300" src="${site}/index.html?embed=1&view=fit1d&origin=${encodeURIComponent(servers.host)}"></iframe>`));
  await expect.poll(() => page.evaluate(() => frameEvents.filter((e) => e.type === 'ready').length), { timeout: 20_000 }).toBe(1);
  const reported = () => page.evaluate(() => frameEvents.filter((e) => e.type === 'resize').at(-1)?.detail.height ?? 0);
  await expect.poll(reported).toBeGreaterThan(300);  // taller than the 300 px it was given: it would scroll
  const height = await reported();
  const frame = page.frame({ url: /view=fit1d/ });
  expect(await frame.evaluate(() => document.documentElement.scrollHeight > innerHeight)).toBe(true);
  await page.evaluate((h) => { document.getElementById('fr').height = String(h); }, height);
  await expect.poll(() => frame.evaluate(() => innerHeight)).toBe(height);
  expect(await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
  // A narrower frame stacks the view's columns: a new, larger height is reported.
  await page.evaluate(() => { document.getElementById('fr').width = '380'; });
  await expect.poll(reported).toBeGreaterThan(height);
  expect(problems).toEqual([]);
});

test('defining it twice is harmless, and wasm="fallback" loads the fallback build', async ({ page }) => {
  const problems = watchProblems(page);
  servers.requests.length = 0;
  await page.goto(scratch('/twice.html', `
<activation-playground id="a" view="explorer" activation="relu"></activation-playground>
<activation-playground id="b" view="explorer" activation="sigmoid" wasm="fallback"></activation-playground>
<activation-playground id="bad" view="nonsense"><p>Fallback content</p></activation-playground>
<script type="module" src="${EMBED()}?again"></script>`));
  await ready(page, 'a');
  await ready(page, 'b');
  expect(await page.evaluate(() => customElements.get('activation-playground') === document.getElementById('a').constructor)).toBe(true);
  expect(await el(page, 'a').evaluate((e) => e.build)).toBe('simd');
  expect(await el(page, 'b').evaluate((e) => e.build)).toBe('fallback');
  expect(wasmFetches().sort()).toEqual(['/dist/ap_nosimd.wasm', '/dist/ap_simd.wasm']);
  expect(await chartInk(page, 'b')).toBeGreaterThan(200);
  // A view it does not know: an error event, the reason, and the author's fallback content.
  const bad = await page.evaluate(() => events.filter((e) => e.type === 'error').map((e) => [e.id, e.detail.message]));
  expect(bad).toEqual([['bad', expect.stringContaining('view="nonsense" is not one of explorer')]]);
  await expect(el(page, 'bad').getByText('Fallback content')).toBeVisible();
  await expect(el(page, 'bad').getByRole('status')).toContainText('could not start');
  expect(problems.filter((p) => !p.includes('view="nonsense"'))).toEqual([]);
});

// A module worker's imports are fetched as workers: a blob: bootstrap needs the CDN in worker-src too.
for (const [workers, thread] of [['blob: CDN', 'blob-worker'], ["'none'", 'in-page']]) {
  test(`under a strict CSP (no eval, worker-src ${workers}) the trainer trains ${thread === 'blob-worker' ? 'in its worker' : 'on the page itself'}`, async ({ page }) => {
    // No 'unsafe-eval': the glue is linked with -sDYNAMIC_EXECUTION=0. ('unsafe-inline' is for this test page's own script.)
    const csp = `default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' ${servers.cdn}; connect-src ${servers.cdn}; style-src 'unsafe-inline'; img-src data:; worker-src ${workers.replace('CDN', servers.cdn)}`;
    const seen = [];
    page.on('console', (m) => seen.push(m.text()));
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(scratch(`/csp-${thread}.html`, '<activation-playground id="ex" view="explorer" activation="gelu"></activation-playground><activation-playground id="tr" view="trainer" dataset="xor" speed="1"></activation-playground>', { 'content-security-policy': csp }));
    await ready(page, 'ex');
    await ready(page, 'tr');
    expect(await el(page, 'tr').evaluate((e) => e.thread)).toBe(thread);
    expect(await el(page, 'tr').evaluate((e) => e.threadReason)).toEqual(thread === 'in-page' ? expect.any(String) : '');
    await el(page, 'tr').evaluate((e) => e.play());
    await expect.poll(() => epochOf(page, 'tr'), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await page.evaluate(() => events.filter((e) => e.type === 'error'))).toEqual([]);
    // The only violation allowed is the refused worker itself, when workers are refused.
    const violations = await page.evaluate(() => window.violations);
    expect(violations.filter((v) => !(thread === 'in-page' && v.startsWith('worker-src')))).toEqual([]);
    expect(seen.filter((t) => !/Content Security Policy|worker/i.test(t) && /error/i.test(t))).toEqual([]);
  });
}

test('off-screen trainers pause and resume, and at most three train at once', async ({ page }) => {
  const problems = watchProblems(page);
  const four = [1, 2, 3, 4].map((k) => `<activation-playground id="t${k}" view="trainer" dataset="xor" hidden="2" speed="1" style="width: 300px"></activation-playground>`).join('');
  await page.goto(scratch('/slots.html', `<div style="display: flex; gap: 4px">${four}</div><div style="height: 3000px"></div>
<activation-playground id="far" view="trainer" dataset="circle" speed="1"></activation-playground>`));
  for (const id of ['t1', 't2', 't3', 't4', 'far']) await ready(page, id);
  const epochs = () => page.evaluate(() => ['t1', 't2', 't3', 't4'].map((id) => Number(document.getElementById(id).shadowRoot.querySelector('[data-id="epoch"]').textContent)));
  for (const id of ['t1', 't2', 't3', 't4']) await el(page, id).evaluate((e) => e.play());
  await page.waitForTimeout(1500);
  const a = await epochs();
  // The first to start gave way to the fourth; the other three train (polled: a loaded machine is slow, not wrong).
  await expect.poll(async () => (await epochs()).map((x, i) => x > a[i]).slice(1), { timeout: 15_000 }).toEqual([true, true, true]);
  expect((await epochs())[0]).toBe(a[0]);
  expect(await el(page, 't1').locator('[data-id="play"]').getAttribute('aria-label')).toBe('Play');
  // A trainer told to play while off-screen waits until it is scrolled into view.
  await el(page, 'far').evaluate((e) => e.play());
  await page.waitForTimeout(1000);
  expect(await epochOf(page, 'far')).toBe(0);
  await el(page, 'far').scrollIntoViewIfNeeded();
  await expect.poll(() => epochOf(page, 'far'), { timeout: 10_000 }).toBeGreaterThan(2);
  // Scrolled away again, it pauses; back in view, it resumes.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  const held = await epochOf(page, 'far');
  await page.waitForTimeout(1000);
  expect(await epochOf(page, 'far')).toBe(held);
  await el(page, 'far').scrollIntoViewIfNeeded();
  await expect.poll(() => epochOf(page, 'far'), { timeout: 10_000 }).toBeGreaterThan(held);
  expect(problems).toEqual([]);
});

test('a lesson asks its question before it runs unless predict="0" says not to', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto(scratch('/predict.html', '<activation-playground id="ask" view="lesson" lesson="dying-relu"></activation-playground><activation-playground id="tell" view="lesson" lesson="dying-relu" predict="0"></activation-playground>'));
  await ready(page, 'ask');
  await ready(page, 'tell');
  for (const id of ['ask', 'tell']) await expect(el(page, id).locator('.tr-lesson h3')).not.toBeEmpty();
  await expect(el(page, 'ask').getByRole('group').filter({ has: page.getByRole('radio') })).toHaveCount(1);
  await expect(el(page, 'ask').getByRole('radio').first()).toBeVisible();
  await expect(el(page, 'tell').getByRole('radio')).toHaveCount(0);
  // Without the question the lesson still runs: it trains when told to.
  await el(page, 'tell').evaluate((e) => e.play());
  await expect.poll(() => epochOf(page, 'tell'), { timeout: 15_000 }).toBeGreaterThan(3);
  expect(problems).toEqual([]);
});

test('theme="dark" on a light system and theme="light" on a dark one colour the charts\' curves too, not only the page', async ({ page }) => {
  for (const [system, theme] of [['light', 'dark'], ['dark', 'light']]) {
    await page.emulateMedia({ colorScheme: system });
    const problems = watchProblems(page);
    await page.goto(scratch(`/theme-${theme}.html`, `<activation-playground id="ex" view="explorer" theme="${theme}"></activation-playground>
      <activation-playground id="fit" view="fit1d" theme="${theme}"></activation-playground>`));
    for (const id of ['ex', 'fit']) {
      await ready(page, id);
      // The resolved series colours inside the element are the chosen theme's (plot-frame.mjs THEMES).
      const series = await el(page, id).evaluate((e) => {
        const plot = e.shadowRoot.querySelector('.ap-plot');
        const cs = getComputedStyle(plot);
        return [cs.getPropertyValue('--apx-series-1').trim(), cs.getPropertyValue('--apx-series-2').trim(), cs.backgroundColor];
      });
      expect(series.slice(0, 2), `${id}, theme ${theme} on a ${system} system`).toEqual(theme === 'dark' ? ['#60a5fa', '#fb923c'] : ['#2563eb', '#ea580c']);
    }
    expect(problems).toEqual([]);
  }
});
