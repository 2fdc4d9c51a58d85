'use strict';
// Node CommonJS entry: `const { load } = require('activation-playground')`.
async function load(options = {}) {
  const m = await import('./node.mjs');
  return m.load(options);
}
async function simdSupported() {
  const m = await import('./node.mjs');
  return m.simdSupported();
}
module.exports = { load, simdSupported, default: load };
