// WebKit (Safari's engine) as WebKitGTK: Debian's webkit2gtk-driver (WebKitWebDriver) starts its
// MiniBrowser, driven over classic WebDriver with webdriverio. MiniBrowser has no headless mode, so it
// gets its own Xvfb display. Both processes are started here, each in its own process group, and
// stopped by those ids in close().
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { remote } from 'webdriverio';
import { Driver, VIEWPORT } from './base.mjs';
import { pageHelper, installErrorCollector, drainErrorCollector } from '../page-helper.mjs';

export const DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
// libwebkit2gtk-4.1-0 (a dependency of webkit2gtk-driver) installs it under the multiarch library folder.
export const MINIBROWSER = process.env.WEBKIT_MINIBROWSER ?? (() => {
  const dirs = (() => {
    try {
      return readdirSync('/usr/lib').filter((d) => d.endsWith('-linux-gnu'));
    } catch {
      return [];
    }
  })();
  return dirs.map((d) => `/usr/lib/${d}/webkit2gtk-4.1/MiniBrowser`).find((f) => existsSync(f)) ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
})();
export const XVFB = '/usr/bin/Xvfb';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a free display (it writes the number to fd 3) and resolves with { proc, display }. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const proc = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1600x2400x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'], detached: true,
    });
    let out = '', err = '';
    proc.stderr.on('data', (d) => (err += d));
    proc.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ proc, display: `:${out.trim()}` });
    });
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before reporting a display: ${err.slice(-400)}`)));
  });
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const elementId = (ref) => {
  if (!ref || typeof ref[ELEMENT] !== 'string') throw new Error(`expected an element, got ${JSON.stringify(ref)}`);
  return ref[ELEMENT];
};

export class WebKitDriver extends Driver {
  constructor() {
    super('webkit');
    this.procs = [];
    this.harvested = [];
  }

  static available() {
    const missing = [[DRIVER, 'webkit2gtk-driver'], [MINIBROWSER, 'libwebkit2gtk-4.1-0'], [XVFB, 'xvfb']].filter(([f]) => !existsSync(f));
    return missing.length ? `${missing.map(([f, p]) => `${f} (Debian package ${p})`).join(', ')} missing; scripts/setup.sh test installs them` : null;
  }

  /** Last resort if the runner dies without close(): the process groups started here go with it. */
  killNow() {
    for (const p of this.procs) {
      if (p.exitCode === null && p.signalCode === null) {
        try {
          process.kill(-p.pid, 'SIGKILL');
        } catch {}
      }
    }
  }

  async launch() {
    this.onExit = () => this.killNow();
    process.once('exit', this.onExit);
    const xvfb = await startXvfb();
    this.procs.push(xvfb.proc);
    const port = await freePort();
    let log = '';
    const driver = spawn(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, DISPLAY: xvfb.display },
    });
    this.procs.push(driver);
    driver.stdout.on('data', (d) => (log = (log + d).slice(-2000)));
    driver.stderr.on('data', (d) => (log = (log + d).slice(-2000)));
    for (let i = 0; ; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/status`);
        if (r.ok) break;
      } catch {}
      if (driver.exitCode !== null || i > 100) throw new Error(`WebKitWebDriver did not start: ${log}`);
      await sleep(100);
    }
    this.browser = await remote({
      hostname: '127.0.0.1', port, path: '/', logLevel: 'silent', connectionRetryCount: 0,
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,  // without it webdriverio asks for BiDi, which WebKitWebDriver refuses
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      },
    });
    const caps = this.browser.capabilities;
    // The window includes MiniBrowser's own bars: size it so the page's viewport is VIEWPORT.
    await this.browser.setWindowSize(VIEWPORT.width, VIEWPORT.height);
    const inner = await this.browser.execute(() => [innerWidth, innerHeight]);
    await this.browser.setWindowSize(2 * VIEWPORT.width - inner[0], 2 * VIEWPORT.height - inner[1]);
    this.version = `WebKitGTK ${caps.browserVersion ?? '?'}`;
  }

  async open(url) {
    // The collector lives in the page (the server's head script starts it): take what it holds before
    // the page goes away.
    try {
      this.harvested.push(...(await this.browser.execute(drainErrorCollector)));
    } catch {}
    await this.browser.url(url);
    const started = await this.browser.execute(() => Array.isArray(window.__engineErrors));
    if (!started) this.harvested.push(`no error collector in ${url}: its load-time errors were not heard`);
    await this.browser.execute(installErrorCollector);
  }

  evaluate(fn, ...args) {
    return this.browser.execute(fn, ...args);
  }

  async elementId(name, opts) {
    return elementId(await this.browser.execute(pageHelper, 'find', name, opts));
  }

  async click(name, opts = {}) {
    await this.browser.elementClick(await this.elementId(name, opts));
  }

  async type(name, text, opts = {}) {
    const id = await this.elementId(name, opts);
    await this.browser.elementClear(id);
    await this.browser.elementSendKeys(id, `${text}\uE004`);  // then Tab: 'change' fires when the field loses focus
  }

  async select(name, option, opts = {}) {
    const id = elementId(await this.browser.execute(pageHelper, 'optionElement', name, { ...opts, option }));
    await this.browser.elementClick(id);  // WebDriver's click on an <option> selects it, with input and change events
  }

  async screenshot(path, opts = {}) {
    const { writeFile } = await import('node:fs/promises');
    let png;
    if (!opts.within) png = await this.browser.takeScreenshot();
    else {
      // WebKitWebDriver's element screenshots come out partly black; scroll the element to the top,
      // take the viewport and crop it in the page.
      const id = await this.elementId(opts.within, {});
      const rect = await this.browser.execute((el) => {
        el.scrollIntoView({ block: 'start' });
        const r = el.getBoundingClientRect();
        return { x: Math.max(0, r.left), y: Math.max(0, r.top), w: Math.min(r.width, innerWidth), h: Math.min(r.height, innerHeight - Math.max(0, r.top)),
          clipped: r.height > innerHeight - Math.max(0, r.top) + 1, height: r.height, viewport: innerHeight };
      }, { [ELEMENT]: id });
      if (rect.clipped) {
        throw new Error(`${JSON.stringify(opts.within)} is ${Math.round(rect.height)} px tall, more than the ${rect.viewport} px viewport: raise VIEWPORT.height in drivers/base.mjs`);
      }
      await this.browser.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const full = await this.browser.takeScreenshot();
      png = await this.browser.execute(async (b64, r) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const k = img.naturalWidth / innerWidth;  // device pixels per CSS pixel
        const c = document.createElement('canvas');
        c.width = Math.round(r.w * k);
        c.height = Math.round(r.h * k);
        c.getContext('2d').drawImage(img, r.x * k, r.y * k, c.width, c.height, 0, 0, c.width, c.height);
        return c.toDataURL('image/png').slice('data:image/png;base64,'.length);
      }, full, rect);
    }
    await writeFile(path, Buffer.from(png, 'base64'));
  }

  async errors() {
    const now = await this.browser.execute(drainErrorCollector).catch((e) => [`could not read the error collector: ${e.message}`]);
    return [...this.harvested.splice(0), ...now];
  }

  async pendingErrors() {
    return [...this.harvested, ...(await this.browser.execute(drainErrorCollector, true))];
  }

  async close() {
    if (this.onExit) process.off('exit', this.onExit);
    try {
      await this.browser?.deleteSession();
    } catch {}
    for (const p of this.procs.reverse()) {
      if (p.exitCode !== null || p.signalCode !== null) continue;
      try {
        process.kill(-p.pid, 'SIGTERM');  // its process group: WebKitWebDriver's MiniBrowser and web processes
      } catch {}
      await new Promise((r) => {
        const t = setTimeout(() => {
          try {
            process.kill(-p.pid, 'SIGKILL');
          } catch {}
          r();
        }, 3000);
        p.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
  }
}
