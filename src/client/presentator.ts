// Presenter view: the current and the next slide (the story in two quiet frames), the notes of
// the current slide, a clock and the time since opening. Keys step as on the audience screen; both
// windows keep in step over the story's BroadcastChannel.
import { channelName, type StepMessage } from './presentatie';

const root = document.getElementById('presentator');
if (root) {
  const slug = root.dataset.verhaal!;
  const total = Number(root.dataset.stappen);
  const now = document.getElementById('p-frame-nu') as HTMLIFrameElement;
  const next = document.getElementById('p-frame-straks') as HTMLIFrameElement;
  const notes = [...root.querySelectorAll<HTMLElement>('.notitie')];
  const label = document.getElementById('p-stap')!;
  const channel = new BroadcastChannel(channelName(slug));
  let current = 1;
  const tellFrame = (f: HTMLIFrameElement, stap: number) => f.contentWindow?.postMessage({ stap }, location.origin);
  const show = (stap: number, tell = true) => {
    current = Math.max(1, Math.min(total, stap));
    tellFrame(now, current);
    next.parentElement!.hidden = current >= total;
    if (current < total) tellFrame(next, current + 1);
    notes.forEach((n) => (n.hidden = Number(n.dataset.stap) !== current));
    label.textContent = `Dia ${current} van ${total}`;
    root.dataset.stap = String(current);
    const url = new URL(location.href);
    url.searchParams.set('stap', String(current));
    history.replaceState(null, '', url);
    if (tell) channel.postMessage({ type: 'stap', stap: current } satisfies StepMessage);
  };
  channel.addEventListener('message', (e: MessageEvent<StepMessage>) => {
    if (e.data.type === 'stap') show(e.data.stap, false);
  });
  // Frames load after this script: show the step again once each has loaded.
  now.addEventListener('load', () => tellFrame(now, current));
  next.addEventListener('load', () => tellFrame(next, Math.min(total, current + 1)));
  document.getElementById('p-vorige')!.addEventListener('click', () => show(current - 1));
  document.getElementById('p-volgende')!.addEventListener('click', () => show(current + 1));
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (['ArrowRight', 'PageDown', ' '].includes(e.key)) show(current + 1);
    else if (['ArrowLeft', 'PageUp'].includes(e.key)) show(current - 1);
    else if (e.key === 'Home') show(1);
    else if (e.key === 'End') show(total);
    else return;
    e.preventDefault();
  });
  const start = Date.now();
  const clock = document.getElementById('p-klok')!;
  const elapsed = document.getElementById('p-tijd')!;
  const tick = () => {
    clock.textContent = new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });
    const s = Math.floor((Date.now() - start) / 1000);
    elapsed.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  tick();
  setInterval(tick, 1000);
  const asked = Number(new URLSearchParams(location.search).get('stap'));
  show(Number.isInteger(asked) && asked >= 1 ? asked : 1, false);
  // Ask the audience screen where it is (it answers with its step).
  channel.postMessage({ type: 'hallo' } satisfies StepMessage);
}
