// "Download this figure" for any chart on the site, without touching chart code: every
// <figure data-chart>, <figure data-first-chart> or figure holding a large <svg> gets SVG and PNG
// buttons. The image carries title, unit, source, year and the page's URL drawn into it, so a
// picture keeps its source when it travels. PNG: the composed SVG drawn as a data: image on a
// canvas at 2× (the CSP allows img-src data:, not blob:).

const NS = 'http://www.w3.org/2000/svg';
const MIN_WIDTH = 200; // sparklines and icons are not charts to publish
// Not the small multiples of the trend panels (figure.trend): two buttons under each of 46 charts.
const FIGURES = 'figure[data-chart], figure[data-first-chart], figure.rankfig, main figure:not(.trend)';

interface Meta { title: string; lines: string[]; legend: { fill: string; label: string }[] }

function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Title, unit, source and year: from the figure's own data-fig-* attributes (set by the view that
 * renders it, src/lib/render/figure-meta.ts), else from the page around it. */
function metaFor(fig: HTMLElement): Meta {
  const own = fig.dataset;
  const h1 = textOf(document.querySelector('main h1'));
  const caption = textOf(fig.querySelector('figcaption'));
  const heading = textOf(fig.closest('section')?.querySelector('h2, h3'));
  const title = own.figTitle || h1 || document.title;
  const sourceEl = [...document.querySelectorAll('main p, main figcaption')].find((p) => /Bron: /.test(p.textContent ?? ''));
  const source = own.figSource || (textOf(sourceEl).match(/Bron: [^.]*(\.\d[^.]*)*/)?.[0] ?? '').slice(0, 160);
  const year = (own.figYear ?? document.querySelector<HTMLElement>('[data-year]:not(figure)')?.dataset.year ?? '').trim();
  const lines = [
    caption || heading,
    own.figUnit ? `Eenheid: ${own.figUnit}` : '',
    source || 'Bron: zie de pagina',
    `${year ? `Jaar ${year} · ` : ''}Wijkbeeld Rotterdam · ${location.href}`,
  ].filter(Boolean);
  // Plot's HTML swatch legends (colour + label) do not live in the chart's SVG: carry them over.
  const legend = [...fig.querySelectorAll<HTMLElement>('[class*="swatch"]:not([class*="swatches"])')].map((sw) => ({
    fill: swatchColour(sw),
    label: textOf(sw),
  })).filter((l) => l.label);
  const legendTitle = textOf(fig.querySelector('.legend p'));
  if (legendTitle) lines.unshift(legendTitle);
  return { title, lines, legend };
}

/** A legend swatch's colour: its fill, or the stroke of a symbol legend (fill="none"). */
function swatchColour(sw: HTMLElement): string {
  const svg = sw.querySelector('svg');
  const attr = (name: string) => [svg, ...(svg?.querySelectorAll(`[${name}]`) ?? [])].map((el) => el?.getAttribute(name)).find((v) => v && v !== 'none' && v !== 'currentColor');
  return attr('fill') ?? attr('stroke') ?? '#999';
}

/** Splits text at spaces into lines of at most n characters; a longer word (a URL) is cut at n. */
export function wrap(text: string, n: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const whole of text.split(' ')) {
    let word = whole;
    while (word.length > n) {
      if (cur) out.push(cur);
      cur = '';
      out.push(word.slice(0, n));
      word = word.slice(n);
    }
    if (cur && cur.length + 1 + word.length > n) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

/** The figure's chart as one standalone SVG document with title and source lines around it. */
export function composeSvg(svg: SVGSVGElement, meta: Meta): { text: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const vb = svg.viewBox?.baseVal;
  const w = Math.round(box.width || vb?.width || Number(svg.getAttribute('width')) || 640);
  const h = Math.round(box.height || vb?.height || Number(svg.getAttribute('height')) || 400);
  const width = Math.max(w, 360);
  const perLine = Math.max(30, Math.floor((width - 16) / 6.6)); // ~6.6 px per character at 12 px
  const lines = meta.lines.flatMap((l) => wrap(l, perLine));
  // Legend swatches in rows that fit the width.
  const rows: { fill: string; label: string; x: number; row: number }[] = [];
  let lx = 8;
  let row = 0;
  for (const l of meta.legend) {
    const wItem = 16 + l.label.length * 7 + 14;
    if (lx > 8 && lx + wItem > width) {
      lx = 8;
      row++;
    }
    rows.push({ ...l, x: lx, row });
    lx += wItem;
  }
  // A long title wraps (bold 17 px: up to ~10,5 px per character); everything below moves down with it.
  const titleLines = wrap(meta.title, Math.max(20, Math.floor((width - 16) / 10.5)));
  const shift = (titleLines.length - 1) * 21;
  const top = 34 + shift + (meta.legend.length ? (row + 1) * 20 + 4 : 0);
  const lineH = 16;
  const bottom = 10 + lines.length * lineH;
  const height = top + h + bottom;
  const out = document.createElementNS(NS, 'svg');
  out.setAttribute('xmlns', NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.setAttribute('font-family', 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif');
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#fff');
  out.append(bg);
  const text = (s: string, y: number, size: number, weight = 'normal', fill = '#222') => {
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', '8');
    t.setAttribute('y', String(y));
    t.setAttribute('font-size', String(size));
    t.setAttribute('font-weight', weight);
    t.setAttribute('fill', fill);
    t.textContent = s;
    out.append(t);
  };
  titleLines.forEach((t, i) => text(t, 22 + i * 21, 17, 'bold'));
  for (const l of rows) {
    const r = document.createElementNS(NS, 'rect');
    r.setAttribute('x', String(l.x));
    r.setAttribute('y', String(36 + shift + l.row * 20));
    r.setAttribute('width', '12');
    r.setAttribute('height', '12');
    r.setAttribute('fill', l.fill);
    out.append(r);
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', String(l.x + 16));
    t.setAttribute('y', String(46 + shift + l.row * 20));
    t.setAttribute('font-size', '12');
    t.setAttribute('fill', '#222');
    t.textContent = l.label;
    out.append(t);
  }
  const inner = svg.cloneNode(true) as SVGSVGElement;
  inner.setAttribute('x', '0');
  inner.setAttribute('y', String(top));
  inner.setAttribute('width', String(w));
  inner.setAttribute('height', String(h));
  inner.removeAttribute('style');
  // Computed colours of currentColor text, since the page's stylesheet does not travel.
  inner.setAttribute('color', getComputedStyle(svg).color || '#222');
  out.append(inner);
  lines.forEach((l, i) => text(l, top + h + 6 + (i + 1) * lineH - 4, 12, 'normal', i === 0 ? '#222' : '#555'));
  return { text: new XMLSerializer().serializeToString(out), width, height };
}

function save(blob: Blob, name: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** PNG at `scale`× of the composed SVG. */
export async function pngBlob(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const img = new Image();
  img.width = width;
  img.height = height;
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG kon niet worden gemaakt'))), 'image/png'));
}

function fileBase(): string {
  const slug = location.pathname.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '-') || 'rotterdam';
  return `wijkbeeld-${slug}`;
}

function chartOf(fig: HTMLElement): SVGSVGElement | null {
  const svgs = [...fig.querySelectorAll<SVGSVGElement>('svg')].filter((s) => !s.parentElement?.closest('svg'));
  return svgs.sort((a, b) => b.getBoundingClientRect().width * b.getBoundingClientRect().height - a.getBoundingClientRect().width * a.getBoundingClientRect().height)[0] ?? null;
}

function decorate(fig: HTMLElement) {
  if (fig.querySelector(':scope > .figure-download')) return;
  const svg = chartOf(fig);
  if (!svg || svg.getBoundingClientRect().width < MIN_WIDTH) return;
  const bar = document.createElement('p');
  bar.className = 'figure-download small';
  bar.innerHTML = '<button type="button" data-figure-download="svg">Download SVG</button> <button type="button" data-figure-download="png">Download PNG</button>';
  fig.append(bar);
}

async function onClick(e: Event) {
  const btn = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-figure-download]');
  if (!btn) return;
  const fig = btn.closest<HTMLElement>('figure')!;
  const svg = chartOf(fig);
  if (!svg) return;
  const composed = composeSvg(svg, metaFor(fig));
  const n = [...document.querySelectorAll('figure')].indexOf(fig) + 1;
  if (btn.dataset.figureDownload === 'svg') {
    save(new Blob([composed.text], { type: 'image/svg+xml' }), `${fileBase()}-${n}.svg`);
  } else {
    save(await pngBlob(composed.text, composed.width, composed.height, 2), `${fileBase()}-${n}.png`);
  }
}

function scan() {
  for (const fig of document.querySelectorAll<HTMLElement>(FIGURES)) decorate(fig);
}

document.addEventListener('click', (e) => void onClick(e));
scan();
// Views redraw their figures as HTML (year change, compare, SQL results): decorate the new ones.
let pending = false;
new MutationObserver(() => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    scan();
  });
}).observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true });
