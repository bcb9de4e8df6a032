// Trend charts read by keyboard: each prerendered chart (figure.trend, figure.spread) becomes one
// tab stop; the arrow keys walk its points and the point's own <title> ("Bloemhof 2014: 88,1 per
// 1.000 inwoners") is written below the chart, where screen readers hear it (aria-live). Hovering
// a point shows the same <title> without any script. Also opens a closed trend panel when a link
// points into it (a sparkline's "#verloop-bijstand").

const FIGURES = 'figure.trend, figure.spread';

function readout(fig: HTMLElement): HTMLElement {
  let p = fig.querySelector<HTMLElement>(':scope > .readout');
  if (!p) {
    p = document.createElement('p');
    p.className = 'readout small';
    p.setAttribute('aria-live', 'polite');
    fig.querySelector('svg')?.after(p);
  }
  return p;
}

/** Points in reading order: by x, then from top to bottom. */
function points(svg: SVGSVGElement): SVGCircleElement[] {
  return [...svg.querySelectorAll<SVGCircleElement>('circle')]
    .filter((c) => c.querySelector('title'))
    .sort((a, b) => Number(a.getAttribute('cx')) - Number(b.getAttribute('cx')) || Number(a.getAttribute('cy')) - Number(b.getAttribute('cy')));
}

export function enableTrendFocus(root: ParentNode = document): void {
  for (const fig of root.querySelectorAll<HTMLElement>(FIGURES)) {
    const svg = fig.querySelector<SVGSVGElement>(':scope > svg, :scope > div > svg');
    if (!svg || svg.dataset.focus) continue;
    svg.dataset.focus = '1';
    svg.setAttribute('tabindex', '0');
    let at = -1;
    const show = (i: number) => {
      const pts = points(svg);
      if (!pts.length) return;
      at = (i + pts.length) % pts.length;
      for (const c of svg.querySelectorAll('circle.focus')) c.classList.remove('focus');
      pts[at].classList.add('focus');
      readout(fig).textContent = pts[at].querySelector('title')?.textContent ?? '';
    };
    svg.addEventListener('focus', () => show(at < 0 ? points(svg).length - 1 : at));
    svg.addEventListener('blur', () => {
      for (const c of svg.querySelectorAll('circle.focus')) c.classList.remove('focus');
    });
    svg.addEventListener('keydown', (ev) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
      if (step === undefined && ev.key !== 'Home' && ev.key !== 'End') return;
      ev.preventDefault();
      show(ev.key === 'Home' ? 0 : ev.key === 'End' ? -1 : at + step!);
    });
  }
}

/** Open the <details> around the target of a same-page link, so "#verloop-x" shows its chart. */
export function openTargetDetails(): void {
  const open = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = id ? document.getElementById(id) : null;
    const details = el?.closest('details');
    if (details && !details.open) {
      details.open = true;
      el!.scrollIntoView({ block: 'start' });
    }
  };
  window.addEventListener('hashchange', open);
  // A link to the hash already in the URL fires no hashchange.
  document.addEventListener('click', (ev) => {
    const a = (ev.target as Element | null)?.closest?.('a[href^="#"]');
    if (a && a.getAttribute('href') === location.hash) setTimeout(open);
  });
  open();
}
