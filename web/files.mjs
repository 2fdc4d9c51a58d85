// Small browser helpers for the trainer's data and export controls: save text as a file, read a
// chosen file with a size limit, copy text to the clipboard. They touch only what they are given
// and the document body; every message comes from web/strings.mjs.
import { MAX_CSV_BYTES } from './csv.mjs';
import { STRINGS, fmt } from './strings.mjs';

const S = STRINGS.data;
const MB = 1024 * 1024;

/** Default largest file readTextFile accepts: the CSV import's limit. */
export const MAX_READ_BYTES = MAX_CSV_BYTES;

/** A file name without path separators, control characters or leading dots; never empty. */
export function safeFilename(name) {
  const cleaned = String(name).replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_').replace(/^[.\s]+/, '').slice(0, 120);
  return cleaned || 'download.txt';
}

/**
 * Saves `text` as a file: a Blob behind an object URL, clicked through a temporary <a download>
 * that is removed at once; the URL is revoked after `revokeAfterMs` (browsers start the download
 * asynchronously, so it must outlive the click).
 * @param {string} filename suggested name (path separators and control characters replaced)
 * @param {string} text the content
 * @param {string} [mime] e.g. 'text/csv', 'application/json', 'text/x-python'
 * @param {{ revokeAfterMs?: number }} [options]
 */
export function download(filename, text, mime = 'text/plain', { revokeAfterMs = 30_000 } = {}) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFilename(filename);
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
  }
}

/**
 * Reads a user-chosen File (or Blob) as text. Files over `maxBytes` are rejected with a message
 * before a byte is read.
 * @param {File|Blob} file from an <input type="file"> or a drop
 * @param {{ maxBytes?: number }} [options]
 * @returns {Promise<string>} rejects with an Error whose message can be shown as it is
 */
export async function readTextFile(file, { maxBytes = MAX_READ_BYTES } = {}) {
  const name = typeof file?.name === 'string' && file.name ? file.name : 'the file';
  if (!file || typeof file.size !== 'number') throw new TypeError('readTextFile: expected a File');
  if (file.size > maxBytes) {
    throw new Error(fmt(S.fileTooLarge, { name, size: (file.size / MB).toFixed(1), max: +(maxBytes / MB).toFixed(1) }));
  }
  try {
    if (typeof file.text === 'function') return await file.text();
    return await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('unknown error'));
      reader.readAsText(file);
    });
  } catch (e) {
    throw new Error(fmt(S.fileReadFailed, { name, reason: e?.message ?? String(e) }));
  }
}

/** The old way: select a temporary off-screen textarea and run the copy command. */
function copyWithTextarea(text) {
  const doc = globalThis.document;
  if (!doc?.body || typeof doc.execCommand !== 'function') return false;
  const active = doc.activeElement;
  const ta = doc.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.setAttribute('aria-hidden', 'true');
  ta.style.position = 'fixed';
  ta.style.top = '0';
  ta.style.left = '-9999px';
  ta.style.opacity = '0';
  doc.body.append(ta);
  try {
    ta.select();
    return doc.execCommand('copy') === true;
  } catch {
    return false;
  } finally {
    ta.remove();
    if (active && typeof active.focus === 'function') active.focus();
  }
}

/**
 * Copies text to the clipboard: the Clipboard API where it exists and is allowed, else (missing,
 * insecure context, permission denied) a temporary textarea and document.execCommand('copy').
 * Never throws.
 * @param {string} text
 * @returns {Promise<boolean>} whether the text reached the clipboard
 */
export async function copyText(text) {
  const clipboard = globalThis.navigator?.clipboard;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(String(text));
      return true;
    } catch {
      // Denied (no user gesture, permissions policy, unfocused document): try the old way.
    }
  }
  return copyWithTextarea(String(text));
}
