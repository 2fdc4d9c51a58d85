// The page fed hostile input through each channel a stranger controls — the link, a CSV file, a
// model file, messages to the iframe embed — as an attacker would write it. Each test checks that no
// payload runs (no dialog, `window.__pwned` never set, no element from the input in the DOM),
// nothing pollutes Object.prototype, a visible notice names what was rejected, and the trainer
// still trains afterwards.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TRAINER_KEYS, EXPLORER_KEYS, SOFTMAX_KEYS } from '../../web/state.mjs';
import { watchProblems } from './problems.mjs';

const PAYLOADS = ['<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=1">', 'javascript:window.__pwned=1'];
const HUGE = ['1e308', '-1e308', 'NaN', 'Infinity', '99999999999999999999'];
const INDEX = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');

/** Records dialogs; the page's links with 100 KB values are answered from index.html by the test (a server refuses such request lines). */
async function guard(page) {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.route(/\/index\.html\?/, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: INDEX }));
  return dialogs;
}

/** Nothing ran and nothing polluted: the checks every test ends with. */
async function expectUnharmed(page, dialogs) {
  expect(dialogs).toEqual([]);
  const seen = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    polluted: typeof ({}).polluted,
    protoKeys: Object.getOwnPropertyNames(Object.prototype).filter((k) => !['constructor', '__defineGetter__', '__defineSetter__', 'hasOwnProperty',
      '__lookupGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', '__proto__', 'toLocaleString'].includes(k)),
    injected: document.querySelectorAll('img[src="x"], img[onerror], script:not([src])').length,
  }));
  expect(seen).toEqual({ pwned: 'undefined', polluted: 'undefined', protoKeys: [], injected: 0 });
}

const trainer = (page) => page.getByRole('region', { name: 'Train a network' });
const epochOf = (page) => page.locator('#trainer-root').getAttribute('data-train-epoch').then(Number);

/** Presses Play and waits for the epoch to move: the trainer still works. */
async function expectTrains(page) {
  await expect(page.locator('#trainer-root')).toHaveAttribute('data-train-epoch', /\d+/, { timeout: 20_000 });
  const before = await epochOf(page);
  const play = trainer(page).getByRole('button', { name: 'Play' });
  await play.click();
  await expect.poll(() => epochOf(page), { timeout: 20_000 }).toBeGreaterThan(before);
  await trainer(page).getByRole('button', { name: 'Pause' }).click();
}

test.describe('hostile links', () => {
  test('script tags, javascript: URLs and huge numbers in every key are refused with notices', async ({ page }) => {
    const problems = watchProblems(page);
    const dialogs = await guard(page);
    const q = new URLSearchParams();
    const views = { trainer: TRAINER_KEYS, explorer: EXPLORER_KEYS, softmax: SOFTMAX_KEYS };
    let payload = 0;
    for (const [view, keys] of Object.entries(views)) {
      for (const e of keys) {
        const numeric = e.type === 'int' || e.type === 'number';
        q.append(`${view}.${e.key}`, numeric ? HUGE[payload % HUGE.length] : PAYLOADS[payload % PAYLOADS.length]);
        payload++;
      }
    }
    await page.goto(`/index.html?${q}`);
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    // Each view names what it ignored; every text key shows up in the trainer's notice.
    const notice = trainer(page).getByRole('status', { name: 'Notice' });
    await expect(notice).toBeVisible();
    for (const e of TRAINER_KEYS) await expect(notice).toContainText(`ignored trainer.${e.key}=`);
    await expect(page.locator('#explorer-root [data-id="notice"]')).toContainText('ignored explorer.activation=');
    await expect(page.locator('#explorer-root [data-id="notice"]')).toContainText('ignored explorer.x_min=');
    await expect(page.locator('#softmax-root [data-id="notice"]')).toContainText('ignored softmax.logits=');
    // The payload text appears only as text (quoted, shortened), never as markup.
    expect(await notice.textContent()).toContain('<script>');
    await expectUnharmed(page, dialogs);
    await expectTrains(page);
    await expectUnharmed(page, dialogs);
    expect(problems).toEqual([]);
  });

  test('prototype-pollution keys, 100 KB values and repeated keys are named, and change nothing', async ({ page }) => {
    const problems = watchProblems(page);
    const dialogs = await guard(page);
    const big = 'A'.repeat(100 * 1024);
    const query = [
      '__proto__[polluted]=1', '__proto__.polluted=1', 'constructor.prototype.polluted=1', 'constructor[prototype][polluted]=1',
      'trainer.__proto__=1', `trainer.lesson=${big}`, `trainer.hidden=${'1,'.repeat(50 * 1024)}1`, `trainer.activation=${big}`,
      `explorer.compare=${big}`, `softmax.logits=${'1,'.repeat(50 * 1024)}1`, `${big}=1`,
      'trainer.lr=0.1', 'trainer.lr=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E', 'trainer.lr=3',
      'wasm=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E', 'view=%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E', 'embed=javascript:window.__pwned=1',
    ].join('&');
    await page.goto(`/index.html?${query}`);
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    const link = page.getByRole('status', { name: 'Link notice' });
    await expect(link).toBeVisible();
    await expect(link).toContainText('ignored unknown keys "__proto__[polluted]", "__proto__.polluted", "constructor.prototype.polluted"');
    await expect(link).toContainText('"trainer.lr" is given 3 times: only the first value is read');
    await expect(link).toContainText('ignored wasm="<script>window.__pwned=1</scri": not simd or fallback');
    await expect(page.locator('#fatal')).toContainText('ignored view="\\"><img src=x onerror=window.__": not one of explorer, softmax, trainer');
    await expect(page.locator('#build')).toHaveText('WASM SIMD');
    expect((await link.textContent()).length).toBeLessThan(1000);
    const notice = trainer(page).getByRole('status', { name: 'Notice' });
    for (const key of ['lesson', 'hidden', 'activation']) await expect(notice).toContainText(`ignored trainer.${key}=`);
    expect((await notice.textContent()).length).toBeLessThan(2000);
    // The first lr is read; the rest keep their defaults.
    await expect(trainer(page).getByLabel('Learning rate', { exact: true })).toHaveValue('0.1');
    await expectUnharmed(page, dialogs);
    await expectTrains(page);
    await expectUnharmed(page, dialogs);
    expect(problems).toEqual([]);
  });
});

/** Chooses a file for the trainer's file input whose `accept` mentions `kind` (csv, json). */
const choose = (page, kind, name, buffer) => trainer(page).locator(`input[type=file][accept*=${kind}]`)
  .setInputFiles({ name, mimeType: kind === 'csv' ? 'text/csv' : 'application/json', buffer: Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer) });
const alertText = (page) => trainer(page).getByRole('alert').textContent();

/** The page answers a script call within `ms` (its main thread is not frozen by the file). */
async function expectResponsive(page, ms = 2000) {
  const t0 = Date.now();
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  expect(Date.now() - t0).toBeLessThan(ms);
}

/** Deterministic pseudo-random bytes (xorshift), binary garbage for a file. */
function garbage(n, seed = 7) {
  const out = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    out[i] = s & 255;
  }
  return out;
}

test.describe('hostile CSV files', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('#trainer-root')).toHaveAttribute('data-train-epoch', /\d+/, { timeout: 20_000 });
  });

  test('script cells, formulas, a __proto__ header and non-finite or huge numbers are skipped by line; good rows load', async ({ page }) => {
    const problems = watchProblems(page);
    const dialogs = await guard(page);
    const csv = [
      '__proto__,constructor,prototype',
      '1,2,0',
      '<script>window.__pwned=1</script>,1,0',
      '"><img src=x onerror=window.__pwned=1>,2,1',
      '=cmd|\' /C calc\'!A0,1,1',
      '@SUM(1+1),+1,0',
      'NaN,1,0',
      '1,Infinity,1',
      '1e308,1,0',
      '1,2',
      '1,2,3,4,5',
      '-1,-2,1',
      '0.5,0.25,1',
    ].join('\n');
    await choose(page, 'csv', '<img src=x onerror=window.__pwned=1>.csv', csv);
    const alert = trainer(page).getByRole('alert');
    await expect(alert).toContainText('Import CSV: 9 row(s) skipped');
    for (const line of [3, 4, 5, 6]) await expect(alert).toContainText(`line ${line}: x1 is not a number`);
    expect(await alertText(page)).not.toMatch(/line (2|12|13):/);
    // The three good rows are the data now: exported back, they are numbers only (no formula reaches a spreadsheet).
    const [download] = await Promise.all([page.waitForEvent('download'), trainer(page).getByRole('button', { name: 'Export CSV' }).click()]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toBe('x1,x2,label\n1,2,0\n-1,-2,1\n0.5,0.25,1\n');
    await expectUnharmed(page, dialogs);
    await expectTrains(page);
    expect(problems).toEqual([]);
  });

  test('binary garbage, an empty file and a file over the size limit are refused with a message', async ({ page }) => {
    const problems = watchProblems(page);
    const dialogs = await guard(page);
    await choose(page, 'csv', 'noise.csv', garbage(64 * 1024));
    await expect(trainer(page).getByRole('alert')).toContainText(/Import CSV: .*(no rows of data|row\(s\) skipped)/);
    await choose(page, 'csv', 'empty.csv', '');
    await expect(trainer(page).getByRole('alert')).toHaveText('Import CSV: The file contains no rows of data (expected lines of x1,x2,label).');
    // Over 10 MB: refused by its size before it is read, the page stays responsive.
    const t0 = Date.now();
    await choose(page, 'csv', 'huge.csv', Buffer.alloc(10 * 1024 * 1024 + 1, '1,2,0\n'));
    await expect(trainer(page).getByRole('alert')).toHaveText('huge.csv is 10.0 MB; files of up to 10 MB can be read.');
    await expectResponsive(page);
    // Under the size limit but more rows than the trainer takes: refused by its row count.
    await choose(page, 'csv', 'rows.csv', Buffer.alloc(10_000_000, '1,2,0\n'));
    await expect(trainer(page).getByRole('alert')).toContainText(/Import CSV: The file has \d+ rows of data; at most 100000 points can be loaded\./);
    await expectResponsive(page);
    test.info().annotations.push({ type: 'timing', description: `three large files handled in ${Date.now() - t0} ms` });
    await expectUnharmed(page, dialogs);
    await expectTrains(page);
    expect(problems).toEqual([]);
  });
});

test.describe('hostile model files', () => {
  test('pollution keys, wrong shapes and types, huge and deep documents are refused by name; a good file loads', async ({ page }) => {
    const problems = watchProblems(page);
    const dialogs = await guard(page);
    await page.goto('/');
    await expect(page.locator('#trainer-root')).toHaveAttribute('data-train-epoch', /\d+/, { timeout: 20_000 });
    const t = trainer(page);
    const downloadModel = async () => {
      const [d] = await Promise.all([page.waitForEvent('download'), t.getByRole('button', { name: 'Download model' }).click()]);
      return JSON.parse(readFileSync(await d.path(), 'utf8'));
    };
    const good = await downloadModel();
    const firstWeight = Object.keys(good.state_dict)[0];
    const withState = (patch) => JSON.stringify({ ...good, state_dict: { ...good.state_dict, ...patch } });
    const cases = [
      ['proto.json', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"format":"activation-playground/sequential@1"}', /Load model: nn\.fromJSON: /],
      ['proto-state.json', withState({}).replace('"state_dict":{', '"state_dict":{"__proto__":{"polluted":1},"constructor":[1],'), /Load model: .*unexpected keys/],
      ['array.json', '[1,2,3]', /Load model: nn\.fromJSON: not a model exported by toJSON\(\)/],
      ['shape.json', withState({ [firstWeight]: [1, 2, 3] }), new RegExp(`Load model: .*'${firstWeight.replace('.', '\\.')}' needs \\d+ values`)],
      ['huge.json', withState({ [firstWeight]: new Array(1_000_000).fill(0.5) }), /Load model: .*got 1000000/],
      ['strings.json', withState({ [firstWeight]: good.state_dict[firstWeight].map(String) }), /Load model: .*must be a number \(got string/],
      ['layers.json', JSON.stringify({ ...good, modules: [{ type: 'Linear', in: 2, out: 1, bias: true }], state_dict: { '0.weight': [1, 2], '0.bias': [0] } }), /Load model: the file's network is Linear\(2, 1\); this trainer's is Linear\(2, 4\), tanh/],
      ['deep.json', `{"format":"activation-playground/sequential@1","modules":${'['.repeat(200_000)}${']'.repeat(200_000)},"state_dict":{}}`, /Load model: /],
      ['text.json', '<script>window.__pwned=1</script>', /Load model: not JSON/],
      ['big.json', `[${'0,'.repeat(5.25 * 1024 * 1024)}0]`, /^big\.json is 10\.5 MB; files of up to 10 MB can be read\.$/],
    ];
    for (const [name, text, message] of cases) {
      await t.getByRole('button', { name: 'Reset' }).click();
      await expect(t.getByRole('alert')).toBeHidden();
      await choose(page, 'json', name, text);
      await expect(t.getByRole('alert'), name).toHaveText(message);
      await expectResponsive(page);
    }
    await expectUnharmed(page, dialogs);
    // The trainer still has its own network: a file of it with other weights loads and is what it exports.
    const changed = { ...good, state_dict: Object.fromEntries(Object.entries(good.state_dict).map(([k, v]) => [k, v.map((x, i) => (i % 3) - 1)])) };
    await t.getByRole('button', { name: 'Reset' }).click();
    await choose(page, 'json', 'model.json', JSON.stringify(changed));
    await expect.poll(async () => (await downloadModel()).state_dict).toEqual(changed.state_dict);
    await expect(t.getByRole('alert')).toBeHidden();
    const values = Object.values(good.state_dict).reduce((n, v) => n + v.length, 0);
    await expect(t.getByRole('status').filter({ hasText: 'Model loaded' })).toHaveText(new RegExp(`the file's ${values} weights and biases`));
    await expectTrains(page);
    await expectUnharmed(page, dialogs);
    expect(problems).toEqual([]);
  });
});

test.describe('hostile messages to the iframe embed', () => {
  let servers;
  test.beforeAll(async () => {
    const { startEmbedServers } = await import('./fixtures/embed-servers.mjs');
    servers = await startEmbedServers();
  });
  test.afterAll(async () => { await servers?.close(); });
  test.use({ viewport: { width: 1300, height: 2000 } });

  test('other origins are ignored; malformed commands from the parent get an error event and the widget keeps working', async ({ page }) => {
    const problems = watchProblems(page);
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    const site = test.info().project.use.baseURL;
    const frameUrl = (origin) => `${site}/index.html?embed=1&view=trainer&dataset=xor&speed=1&origin=${encodeURIComponent(origin)}`;
    servers.page('/hostile.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"></head><body>
<script>window.frameEvents = []; addEventListener('message', (e) => { if (e.data && e.data.source === 'activation-playground') frameEvents.push({ type: e.data.type, detail: e.data.detail }); });</script>
<iframe id="good" title="trainer" width="1200" height="800" src="${frameUrl(servers.host)}"></iframe>
<iframe id="elsewhere" title="trainer for another origin" width="1200" height="800" src="${frameUrl(servers.cdn)}"></iframe>
<iframe id="foreign" title="foreign" width="300" height="100" src="${servers.cdn}/tests/browser/fixtures/embed-foreign.html"></iframe>
</body></html>`);
    await page.goto(`${servers.host}/hostile.html`);
    await expect.poll(() => page.evaluate(() => frameEvents.filter((e) => e.type === 'ready').length), { timeout: 20_000 }).toBe(1);
    const good = await (await page.$('#good')).contentFrame();
    const elsewhere = await (await page.$('#elsewhere')).contentFrame();
    await expect(elsewhere.locator(':root')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    const epoch = (f) => f.locator('[data-id="epoch"]').textContent().then(Number);
    const post = (id, messages) => page.evaluate(([frameId, ms]) => {
      const w = document.getElementById(frameId).contentWindow;
      for (const m of ms) w.postMessage(m, '*');
    }, [id, messages]);

    // The frame whose ?origin= names another origin, and the foreign frame's commands to the good one: ignored, no answer.
    await post('elsewhere', [{ type: 'play' }, { type: 'set', key: 'dataset', value: 'spiral' }]);
    await post('foreign', ['send play']);
    await page.waitForTimeout(1500);  // what the ignored commands would have had time to do
    expect([await epoch(good), await epoch(elsewhere)]).toEqual([0, 0]);
    await expect(elsewhere.locator('[data-id="dataset"]')).toHaveValue('xor');
    await expect(good.locator('[data-id="dataset"]')).toHaveValue('xor');
    expect(await page.evaluate(() => frameEvents.filter((e) => e.type === 'error'))).toEqual([]);

    // From the parent at the allowed origin: one error event per malformed command, naming the problem.
    const huge = 'x'.repeat(1 << 20);
    const malformed = [
      [null, 'not null'], ['play', 'not string'], [42, 'not number'], [[], 'not an array'], [huge, 'not string'],
      [{ type: 'nope' }, 'type "nope" is not one of'], [{ type: 42 }, 'type number is not one of'], [{ type: '__proto__' }, 'type "__proto__"'],
      [{ type: 'set', key: '__proto__', value: 1 }, 'key "__proto__" is not a state key'],
      [{ type: 'set', key: 'constructor', value: 'x' }, 'constructor is not a key of the trainer view'],
      [{ type: 'set', key: 'lr', value: { toString: null } }, 'the value must be a string, number or boolean, not object'],
      [{ type: 'set', key: 'lr', value: huge }, 'longer than 200 characters'],
      [{ type: 'set', key: 'lr', value: 1e308 }, 'lr="1e+308": outside'],
      [{ type: 'set', key: 'dataset', value: '<img src=x onerror="window.__pwned=1">' }, 'dataset="<img src=x onerror=\\"window.__pwn'],
      [{ type: 'set', key: 'x'.repeat(100), value: 1 }, 'is not a state key'],
      [{ type: 'set', key: 'origin', value: 'https://evil.example' }, 'origin is fixed by the frame\'s URL'],
      [{ type: 'play', extra: 1 }, 'play: unknown property "extra" (accepted: type)'],
      [{ type: 'set', key: 'lr', value: 0.1, vlaue: 0.2 }, 'set: unknown property "vlaue" (accepted: type, key, value)'],
    ];
    await post('good', malformed.map(([m]) => m));
    await expect.poll(() => page.evaluate(() => frameEvents.filter((e) => e.type === 'error').length)).toBe(malformed.length);
    const errors = await page.evaluate(() => frameEvents.filter((e) => e.type === 'error').map((e) => e.detail.message));
    malformed.forEach(([, expected], i) => {
      expect(errors[i]).toMatch(/^ignored a message: /);
      expect(errors[i]).toContain(expected);
      expect(errors[i].length).toBeLessThan(300);
    });
    // The widget still works: play trains, a good set applies.
    await post('good', [{ type: 'set', key: 'lr', value: 0.1 }, { type: 'play' }]);
    await expect(good.locator('[data-id="lr"]')).toHaveValue('0.1');
    await expect.poll(() => epoch(good), { timeout: 15_000 }).toBeGreaterThan(2);
    for (const f of [page, good, elsewhere]) {
      expect(await f.evaluate(() => [typeof window.__pwned, typeof ({}).polluted, document.querySelectorAll('img[src="x"], img[onerror]').length])).toEqual(['undefined', 'undefined', 0]);
    }
    expect(dialogs).toEqual([]);
    // The frame told to talk to another origin posts its events there: Chromium warns that they did not reach this page.
    const misaddressed = `The target origin provided ('${servers.cdn}') does not match the recipient window's origin ('${servers.host}')`;
    expect(problems.filter((p) => !p.includes(misaddressed))).toEqual([]);
  });
});
