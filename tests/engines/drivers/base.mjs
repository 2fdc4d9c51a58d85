// What every engine driver shares. A driver implements the primitives
//   launch() · open(url) · evaluate(fn, ...args) · click/type/select(name, …, { within, role })
//   screenshot(path, { within }) · errors() · close()   and fills in `version`,
// and gets from here the helpers the scenarios use on top of them (text, waitFor, names).
import { pageHelper, visibleAlerts } from '../page-helper.mjs';

// Every engine gets this viewport, so the pages lay out alike. Tall enough for the trainer region
// (about 1870 px at this width): the WebKit driver's element screenshots are crops of the viewport.
export const VIEWPORT = { width: 1280, height: 2100 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Driver {
  /** @param {string} engine */
  constructor(engine) {
    this.engine = engine;
    this.version = '?';
  }

  /** The text of a readout or the value of a control, found by its accessible name. */
  text(name, opts = {}) {
    return this.evaluate(pageHelper, 'text', name, opts);
  }

  /** The page's named elements (role:name), for messages when a control cannot be found. */
  names(opts = {}) {
    return this.evaluate(pageHelper, 'names', null, opts);
  }

  /**
   * Polls fn in the page until it returns a truthy value, which it returns. The timeout only bounds a
   * hang (nothing is asserted about how long it took); on timeout the message says what was awaited
   * and what fn last returned or threw.
   */
  async waitFor(what, fn, args = [], { timeout = 20_000, interval = 100, alerts = 'fail' } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.evaluate(fn, ...args);
        if (last) return last;
      } catch (e) {
        last = e;
      }
      await this.stopAtAlert(what, alerts);
      if (Date.now() > end) {
        const detail = last instanceof Error ? `threw ${last.message.split('\n')[0]}` : `last value ${JSON.stringify(last)}`;
        throw new Error(`timed out waiting for ${what} (${detail})`);
      }
      await sleep(interval);
    }
  }

  /** While waiting, an alert on the page (an error the page shows) ends the wait: it will not come. */
  async stopAtAlert(what, mode) {
    if (mode !== 'fail') return;
    const shown = await this.evaluate(visibleAlerts).catch(() => []);
    if (shown.length) throw new Error(`while waiting for ${what}, the page shows: ${shown.join(' | ')}`);
  }

  /** Waits until a named element's text satisfies pred (a Node-side predicate); returns the text. */
  async waitForText(what, name, opts, pred, { timeout = 20_000, alerts = 'fail' } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.text(name, opts);
        if (pred(last)) return last;
      } catch (e) {
        last = e;
      }
      await this.stopAtAlert(what, alerts);
      if (Date.now() > end) {
        const detail = last instanceof Error ? `threw ${last.message.split('\n')[0]}` : `last text ${JSON.stringify(last)}`;
        throw new Error(`timed out waiting for ${what} (${detail})`);
      }
      await sleep(100);
    }
  }
}
