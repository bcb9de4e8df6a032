// Step through the presentation with keys, buttons or ?stap=N; no database needed.
import { urlTextForNotice } from '../lib/url-text';

const root = document.getElementById('presentatie');
if (root) {
  const steps = [...root.querySelectorAll<HTMLElement>('.stap')];
  const label = document.getElementById('stapnr')!;
  document.documentElement.classList.add('js-stappen');
  let current = 0;
  const show = (i: number, push = true) => {
    current = Math.max(0, Math.min(steps.length - 1, i));
    steps.forEach((s, k) => s.classList.toggle('actief', k === current));
    label.textContent = `Stap ${current + 1} van ${steps.length}: ${steps[current].querySelector('h1')?.textContent ?? ''}`;
    if (push) {
      const url = new URL(location.href);
      url.searchParams.set('stap', String(current + 1));
      history.replaceState(null, '', url);
    }
  };
  document.getElementById('vorige')!.addEventListener('click', () => show(current - 1));
  document.getElementById('volgende')!.addEventListener('click', () => show(current + 1));
  document.addEventListener('keydown', (e) => {
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    if (['ArrowRight', 'PageDown', ' '].includes(e.key)) show(current + 1);
    else if (['ArrowLeft', 'PageUp'].includes(e.key)) show(current - 1);
    else if (e.key === 'Home') show(0);
    else if (e.key === 'End') show(steps.length - 1);
    else if (e.key === 'f' || e.key === 'F') void document.documentElement.requestFullscreen?.().catch(() => undefined);
    else return;
    e.preventDefault();
  });
  const raw = new URLSearchParams(location.search).get('stap');
  const asked = Number(raw);
  const valid = raw === null || (Number.isInteger(asked) && asked >= 1 && asked <= steps.length);
  show(valid && raw !== null ? asked - 1 : 0, false);
  if (!valid) {
    // Say why the first slide shows instead of the one asked for; text only, cleaned and short.
    const clean = urlTextForNotice(raw, 12);
    const notice = document.getElementById('stap-notice');
    if (notice) notice.textContent = `Stap "${clean}" bestaat niet; deze presentatie heeft stap 1 tot en met ${steps.length}. U ziet stap 1.`;
  }
}
