// A story full screen: one 1920 × 1080 slide scaled to the window, stepped with keys, clicker or
// buttons; ?stap=N in the URL (replaceState, so reloading or sharing lands on the same slide).
// P opens the presenter view; both windows follow each other over a BroadcastChannel. With
// ?stil=1 (the presenter view's frames) the page shows the slide only and takes orders from its parent.
import { urlTextForNotice } from '../lib/url-text';

export const channelName = (slug: string) => `wijkbeeld-presentatie:${slug}`;
export type StepMessage = { type: 'stap'; stap: number } | { type: 'hallo' };

const root = document.getElementById('dias');
if (root) {
  const slug = root.dataset.verhaal!;
  const base = root.dataset.base ?? '/';
  const slides = [...root.querySelectorAll<HTMLElement>('.doek')];
  const params = new URLSearchParams(location.search);
  const quiet = params.get('stil') === '1';
  document.documentElement.classList.add('js-dias');
  if (quiet) document.documentElement.classList.add('stil');
  const label = document.getElementById('stapnr');
  const code = document.getElementById('insluitcode') as HTMLTextAreaElement | null;
  const embed = document.getElementById('insluiten') as HTMLDetailsElement | null;
  const channel = quiet || typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName(slug));
  let current = 0;

  const fit = () => {
    const s = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    document.documentElement.style.setProperty('--schaal', String(s));
  };
  fit();
  window.addEventListener('resize', fit);

  const show = (i: number, opts: { url?: boolean; tell?: boolean } = {}) => {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach((s, k) => s.classList.toggle('actief', k === current));
    const title = slides[current]!.querySelector('.dia-titel')?.textContent ?? '';
    if (label) label.textContent = `${current + 1} / ${slides.length}`;
    document.title = `${title} · ${current + 1}/${slides.length}`;
    const snippet = slides[current]!.dataset.insluiten;
    if (embed) embed.hidden = !snippet;
    if (code) code.value = snippet ?? '';
    if (opts.url !== false && !quiet) {
      const url = new URL(location.href);
      url.searchParams.set('stap', String(current + 1));
      history.replaceState(null, '', url);
    }
    if (opts.tell !== false) channel?.postMessage({ type: 'stap', stap: current + 1 } satisfies StepMessage);
  };

  channel?.addEventListener('message', (e: MessageEvent<StepMessage>) => {
    if (e.data.type === 'stap' && e.data.stap - 1 !== current) show(e.data.stap - 1, { tell: false });
    if (e.data.type === 'hallo') channel.postMessage({ type: 'stap', stap: current + 1 } satisfies StepMessage);
  });
  // The presenter view's frames: their parent (same origin) says which slide to show.
  if (quiet) {
    window.addEventListener('message', (e) => {
      if (e.origin === location.origin && typeof e.data?.stap === 'number') show(e.data.stap - 1, { tell: false });
    });
  }

  const presenter = () => window.open(`${base}presentatie/${slug}/presentator/?stap=${current + 1}`, `presentator-${slug}`, 'popup,width=1280,height=800');
  document.getElementById('vorige')?.addEventListener('click', () => show(current - 1));
  document.getElementById('volgende')?.addEventListener('click', () => show(current + 1));
  document.getElementById('open-presentator')?.addEventListener('click', presenter);
  document.getElementById('scherm')?.addEventListener('click', () => void document.documentElement.requestFullscreen?.().catch(() => undefined));
  if (!quiet) {
    document.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if ((e.target as HTMLElement).closest('input, select, textarea, summary, a, button')) {
        if (e.key === ' ' || e.key === 'Enter') return;
      }
      if (['ArrowRight', 'PageDown', ' '].includes(e.key)) show(current + 1);
      else if (['ArrowLeft', 'PageUp'].includes(e.key)) show(current - 1);
      else if (e.key === 'Home') show(0);
      else if (e.key === 'End') show(slides.length - 1);
      else if (e.key === 'f' || e.key === 'F') {
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      } else if (e.key === 'p' || e.key === 'P') presenter();
      else if (e.key === 'Escape' && !document.fullscreenElement) location.href = `${base}presentatie/`;
      else return;
      e.preventDefault();
    });
    // Controls show while the mouse moves and fade two seconds after it stops.
    let timer = 0;
    document.addEventListener('mousemove', () => {
      document.body.classList.add('muis');
      clearTimeout(timer);
      timer = window.setTimeout(() => document.body.classList.remove('muis'), 2000);
    });
  }

  const raw = params.get('stap');
  const asked = Number(raw);
  const valid = raw === null || (Number.isInteger(asked) && asked >= 1 && asked <= slides.length);
  show(valid && raw !== null ? asked - 1 : 0, { url: false });
  if (!valid) {
    const notice = document.getElementById('stap-notice');
    if (notice) notice.textContent = `Dia "${urlTextForNotice(raw, 12)}" bestaat niet; dit verhaal heeft dia 1 tot en met ${slides.length}. U ziet dia 1.`;
  }
}
