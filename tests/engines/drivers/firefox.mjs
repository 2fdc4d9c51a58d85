// Firefox (Debian's firefox-esr) over WebDriver BiDi with puppeteer-core; headless.
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { Driver, VIEWPORT } from './base.mjs';
import { pageHelper } from '../page-helper.mjs';

export const EXECUTABLE = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

export class FirefoxDriver extends Driver {
  constructor() {
    super('firefox');
    this.problems = [];
  }

  static available() {
    return existsSync(EXECUTABLE) ? null : `${EXECUTABLE} is missing (Debian package firefox-esr; scripts/setup.sh test installs it)`;
  }

  async launch() {
    this.browser = await puppeteer.launch({ browser: 'firefox', executablePath: EXECUTABLE, headless: true, defaultViewport: VIEWPORT });
    this.version = (await this.browser.version()).replace(/^firefox\//i, 'Firefox ');
    this.page = await this.browser.newPage();
    const p = this.problems;
    this.page.on('console', (m) => ['error', 'warn', 'warning'].includes(m.type()) && p.push(`console ${m.type()}: ${m.text()}`));
    this.page.on('pageerror', (e) => p.push(`page error: ${e.message ?? e}`));
    // Aborted requests are the client's doing (a navigation away from a loading page), not failures.
    this.page.on('requestfailed', (r) => !/ABORTED/i.test(r.failure()?.errorText ?? '') && p.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    this.page.on('response', (r) => r.status() >= 400 && p.push(`HTTP ${r.status()} ${r.url()}`));
  }

  async open(url) {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  evaluate(fn, ...args) {
    return this.page.evaluate(fn, ...args);
  }

  async handle(name, opts) {
    return (await this.page.evaluateHandle(pageHelper, 'find', name, opts)).asElement();
  }

  async click(name, opts = {}) {
    await (await this.handle(name, opts)).click();
  }

  async type(name, text, opts = {}) {
    const h = await this.handle(name, opts);
    await h.focus();
    await h.evaluate((el) => { el.value = ''; });  // as select-all would before typing (no event: typing fires them)
    await h.type(String(text));
    await this.page.keyboard.press('Tab');  // commits the value: 'change' fires when the field loses focus
  }

  async select(name, option, opts = {}) {
    const value = await this.evaluate(pageHelper, 'option', name, { ...opts, option });
    await (await this.handle(name, opts)).select(value);
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
