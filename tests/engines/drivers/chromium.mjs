// Chromium (Debian's /usr/bin/chromium) through Playwright, as tests/browser/ drives it.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { Driver, VIEWPORT } from './base.mjs';
import { pageHelper } from '../page-helper.mjs';

export const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';

const call = (fn, args) => `(${fn})(...${JSON.stringify(args)})`;

export class ChromiumDriver extends Driver {
  constructor() {
    super('chromium');
    this.problems = [];
  }

  static available() {
    return existsSync(EXECUTABLE) ? null : `${EXECUTABLE} is missing (Debian package chromium; scripts/setup.sh test installs it)`;
  }

  async launch() {
    this.browser = await chromium.launch({
      executablePath: EXECUTABLE,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    this.version = `Chromium ${this.browser.version()}`;
    this.context = await this.browser.newContext({ viewport: VIEWPORT });
    this.page = await this.context.newPage();
    const p = this.problems;
    this.page.on('console', (m) => ['error', 'warning'].includes(m.type()) && p.push(`console ${m.type()}: ${m.text()}`));
    this.page.on('pageerror', (e) => p.push(`page error: ${e.message}`));
    // Aborted requests are the client's doing (a navigation away from a loading page), not failures.
    this.page.on('requestfailed', (r) => !/ABORTED/i.test(r.failure()?.errorText ?? '') && p.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    this.page.on('response', (r) => r.status() >= 400 && p.push(`HTTP ${r.status()} ${r.url()}`));
    // Workers' uncaught errors do not reach 'pageerror'; their console messages do reach 'console'.
    this.page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && p.push(`worker console error: ${m.text()}`)));
  }

  async open(url) {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  // Playwright passes a function one argument; an expression string (evaluated over the DevTools
  // protocol, so no page CSP applies) passes any number, as WebDriver's execute does.
  evaluate(fn, ...args) {
    return this.page.evaluate(call(fn, args));
  }

  async handle(name, opts) {
    return (await this.page.evaluateHandle(call(pageHelper, ['find', name, opts]))).asElement();
  }

  async click(name, opts = {}) {
    await (await this.handle(name, opts)).click();
  }

  async type(name, text, opts = {}) {
    const h = await this.handle(name, opts);
    await h.fill(String(text));
    await h.press('Tab');  // commits the value: 'change' fires when the field loses focus
  }

  async select(name, option, opts = {}) {
    const value = await this.evaluate(pageHelper, 'option', name, { ...opts, option });
    await (await this.handle(name, opts)).selectOption(value);
  }

  async screenshot(path, opts = {}) {
    if (opts.within) await (await this.handle(opts.within, {})).screenshot({ path });
    else await this.page.screenshot({ path });
  }

  errors() {
    return this.problems.splice(0);
  }

  pendingErrors() {
    return this.problems.slice();
  }

  async close() {
    await this.browser?.close();
  }
}
