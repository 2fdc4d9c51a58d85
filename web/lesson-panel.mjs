// A lesson on the page: its text and what to watch, a question to answer before training, the
// answer revealed from what the network measurably did (the first snapshot past the check's epoch),
// and a "Now try" that runs the contrasting configuration. All text from STRINGS.lessons.
import { el } from './dom.mjs';
import { LESSONS, checksOf, evaluateCheck } from './lessons.mjs';
import { STRINGS, fmt } from './strings.mjs';

const t = (key, values) => fmt(STRINGS.lessons?.[key] ?? key, values);

/**
 * @param {HTMLElement} box the lesson area (emptied and filled here)
 * @param {{ onApply: (state: object, lessonId: string) => void, pauseAt: (epoch: number|null) => void }} host
 *   applies a configuration (paused); asks the worker to stop training at an epoch
 * @returns {{ show(lessonId: string, options?: { question?: boolean }): void, snapshot(s): void }}
 *   `question: false` shows the lesson without its question (the state key predict=0)
 */
export function createLessonPanel(box, { onApply, pauseAt }) {
  const checkEpoch = (check) => Math.max(...checksOf(check).map((c) => c.atEpoch));
  let lesson = null;
  let phase = null;     // { check, answer, result, contrast } for the question or the contrast being watched
  let reveal = null;

  function show(id, { question = true } = {}) {
    lesson = LESSONS.find((l) => l.id === id) ?? null;
    box.replaceChildren();
    box.hidden = !lesson;
    phase = null;
    if (!lesson) return;
    box.append(el('h3', { textContent: t(lesson.title) }), el('p', { textContent: t(lesson.text) }),
      el('p', { className: 'watch', textContent: `${t('ui.watch')}: ${t(lesson.watch)}` }));
    const q = question ? lesson.question : null;
    if (q) {
      const form = el('fieldset', { className: 'lesson-q' });
      form.append(el('legend', { textContent: `${t('ui.predict')} ${t(q.prompt)}` }));
      for (const c of q.choices) {
        const input = el('input', { type: 'radio', name: `lesson-${lesson.id}`, value: c.id });
        input.addEventListener('change', () => { if (phase) phase.answer = c.id; });
        form.append(el('label', { className: 'check' }, input, ` ${t(c.label)}`));
      }
      box.append(form);
      phase = { check: q.check, answer: null, result: null, contrast: false };
    }
    reveal = el('div', { className: 'lesson-reveal', role: 'status' });
    reveal.setAttribute('aria-label', t('ui.reveal'));
    if (q?.check) {
      reveal.textContent = t('ui.waiting', { epoch: checkEpoch(q.check) });
      pauseAt(checkEpoch(q.check));
    }
    box.append(reveal);
  }

  function contrastButton() {
    if (!lesson.contrast) return null;
    const b = el('button', { type: 'button', textContent: t('ui.contrast', { label: t(lesson.contrast.label) }) });
    b.addEventListener('click', () => {
      const id = lesson.id;
      onApply({ ...lesson.state, ...lesson.contrast.state }, id);
      phase = { check: lesson.contrast.check, answer: null, result: null, contrast: true };
      reveal.textContent = lesson.contrast.check ? t('ui.waiting', { epoch: checkEpoch(lesson.contrast.check) }) : '';
      if (lesson.contrast.check) pauseAt(checkEpoch(lesson.contrast.check));
    });
    return b;
  }

  /** Reads the check from the first snapshot at or past its epoch, and reveals what happened. */
  function snapshot(s) {
    if (!lesson || !phase?.check || phase.result) return;
    // Snapshots of the run before the lesson (or its contrast) was applied may still arrive: the check
    // waits for the new run's first snapshot, which is before the check's epoch.
    if (!phase.armed) {
      if (s.epoch >= Math.min(...checksOf(phase.check).map((c) => c.atEpoch))) return;
      phase.armed = true;
    }
    const r = evaluateCheck(phase.check, s);
    if (!r.ready) return;
    phase.result = r;
    const measured = r.results.map((x) => t('ui.measured', {
      epoch: Math.floor(s.epoch), metric: t(`metric.${x.check.metric}`), value: formatValue(x.check.metric, x.value),
    })).join(' ');
    reveal.replaceChildren();
    if (!phase.contrast && lesson.question) {
      const q = lesson.question;
      const chosen = q.choices.find((c) => c.id === phase.answer);
      const right = phase.answer === q.answer;
      const answer = q.choices.find((c) => c.id === q.answer);
      reveal.append(el('p', { className: chosen ? (right ? 'right' : 'wrong') : '', textContent: `${chosen ? (right ? t('ui.right') : t('ui.wrong')) : ''} ${t('ui.reveal')}: ${t(answer.label)}.`.trim() }),
        el('p', { textContent: measured }), el('p', { textContent: t(q.explain) }));
      const b = contrastButton();
      if (b) reveal.append(b);
    } else {
      reveal.append(el('p', { textContent: measured }));
    }
  }

  return { show, snapshot };
}

function formatValue(metric, v) {
  if (!Number.isFinite(v)) return String(v);
  if (metric.endsWith('Accuracy') || metric === 'deadFraction') return `${(100 * v).toFixed(1)} %`;
  if (metric === 'deadCount') return String(v);
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : v.toPrecision(3);
}

