// Charts drawn for the width they have. The build draws each chart once at a desktop width; on a
// narrower screen the SVG would scale down with its text (12 px ticks became 6-9 px on a phone).
// Here a ResizeObserver watches each chart's box and, after the first paint and in idle time,
// redraws the chart at the box's width with the SAME render modules (src/lib/render/*), from data
// already in the page: the indicator table, #spread-data, #verloop-data. Never DuckDB: a phone must
// not load it just for this. Only a width change redraws (a taller box does not), and the observer
// hands over the width, so nothing here reads layout. A chart is redrawn only when it is on or near
// the screen (IntersectionObserver): a phone does no chart work for what it never scrolls to, and
// the first seconds after loading stay free of long tasks (Lighthouse counted 400 ms of redraws).
import { enableTrendFocus } from './trend-focus';

interface Entry {
  /** Width of the prerendered chart (its viewBox): a wider box keeps that drawing. */
  built: number;
  /** The width the chart now has (the build's until redrawn). */
  drawn: number;
  /** Redraw at `width`, or at the build width when undefined. */
  draw(width: number | undefined): void | Promise<void>;
}

/** Below this a chart is not drawn narrower: it scales instead (a box that small is transient). */
const MIN_WIDTH = 240;

const entries = new Map<Element, Entry>();
const pending = new Map<Element, number>();
/** Boxes on or within NEAR of the screen. */
const near = new Set<Element>();
const NEAR = '400px 0px';
let observer: ResizeObserver | undefined;
let visibility: IntersectionObserver | undefined;
let scheduled = false;

/** The width to draw at in a box `box` px wide, for a chart built `built` px wide. */
export function widthIn(box: number, built: number): number {
  const w = Math.floor(box);
  return w >= built ? built : Math.max(MIN_WIDTH, w);
}

/** The width the chart in `box` is drawn at now, when narrower than its build; else undefined. */
export function fittedWidth(box: Element | null): number | undefined {
  const e = box && entries.get(box);
  return e && e.drawn < e.built ? e.drawn : undefined;
}

const idle = (fn: (d?: IdleDeadline) => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 50);

function schedule(): void {
  if (scheduled || ![...pending.keys()].some((box) => near.has(box))) return;
  scheduled = true;
  idle(run);
}

/** Redraw what is pending while the idle period lasts (at least one chart per period). */
function run(deadline?: IdleDeadline): void {
  scheduled = false;
  let done = 0;
  for (const [box, width] of pending) {
    if (done && deadline && deadline.timeRemaining() < 5) break;
    if (!near.has(box)) continue; // stays pending until it comes near the screen
    pending.delete(box);
    const e = entries.get(box);
    if (!e) continue;
    if (!box.isConnected) {
      entries.delete(box);
      near.delete(box);
      observer?.unobserve(box);
      visibility?.unobserve(box);
      continue;
    }
    e.drawn = width;
    done++;
    Promise.resolve(e.draw(width < e.built ? width : undefined)).catch((err) => console.warn('Grafiek opnieuw tekenen mislukt:', err));
  }
  schedule();
}

function onVisibility(list: IntersectionObserverEntry[]): void {
  for (const v of list) {
    if (v.isIntersecting) near.add(v.target);
    else near.delete(v.target);
  }
  schedule();
}

function onResize(list: ResizeObserverEntry[]): void {
  for (const r of list) {
    const e = entries.get(r.target);
    if (!e) continue;
    const w = r.contentBoxSize?.[0]?.inlineSize ?? r.contentRect.width;
    // 0: not rendered (a closed <details>); it is measured again when it opens.
    if (!w) continue;
    const target = widthIn(w, e.built);
    if (target === e.drawn) pending.delete(r.target);
    else pending.set(r.target, target);
  }
  schedule();
}

/**
 * Keep the chart in `box` drawn at the box's width; `drawn` is the width of the chart in it now. A
 * box registered again keeps its entry (the observer would not report its unchanged width again).
 */
export function keepFitted(box: Element, built: number, draw: Entry['draw'], drawn = built): void {
  if (!built) return;
  const known = entries.get(box);
  if (known) {
    known.draw = draw;
    return;
  }
  observer ??= new ResizeObserver(onResize);
  visibility ??= new IntersectionObserver(onVisibility, { rootMargin: NEAR });
  entries.set(box, { built, drawn, draw });
  observer.observe(box);
  visibility.observe(box);
}

/** Width of a prerendered chart: its viewBox, i.e. what the render module drew. */
const viewBoxWidth = (svg: SVGSVGElement | null | undefined) => svg?.viewBox?.baseVal?.width ?? 0;

/** Parse an inline JSON <script> once. */
function pageJson<T>(id: string, parse: (text: string) => T): () => T | undefined {
  let value: T | undefined;
  let tried = false;
  return () => {
    if (!tried) {
      tried = true;
      const text = document.getElementById(id)?.textContent;
      try {
        value = text ? parse(text) : undefined;
      } catch (e) {
        console.warn(`#${id} onleesbaar:`, e);
      }
    }
    return value;
  };
}

/** The build width of each kind of chart, from its first prerendered SVG. */
const builtWidths = new Map<string, number>();
const builtWidth = (kind: string, svg: SVGSVGElement | null | undefined) => {
  if (!builtWidths.has(kind) && viewBoxWidth(svg)) builtWidths.set(kind, viewBoxWidth(svg));
  return builtWidths.get(kind) ?? 0;
};

/**
 * Indicator page: the ranking (rows and city value read back from the rendered table and intro)
 * and the spread over time (#spread-data). Call again after the view is re-rendered for another year.
 * The map keeps its drawing: it has no text of its own at narrow widths (see map.ts mapDefaults).
 */
export function fitIndicatorPage(): void {
  const page = document.getElementById('indicatorpagina');
  const ranking = document.getElementById('ranking');
  if (!page || !ranking) return;
  const rankSvg = ranking.querySelector('svg');
  keepFitted(ranking, builtWidth('ranking', rankSvg), async (width) => {
    const rows = [...document.querySelectorAll<HTMLTableRowElement>('#ind-tabel tbody tr[data-area]')].flatMap((tr) => {
      const v = tr.querySelector('td[data-value]')?.getAttribute('data-value');
      const name = tr.querySelector('a')?.textContent;
      return v && v !== 'null' && name ? [{ name, value: Number(v) }] : [];
    });
    const cityText = document.querySelector<HTMLElement>('#ind-view [data-city]')?.dataset.value;
    const { rankingChart } = await import('../lib/render/indicator-view');
    const { indicator: id, level, liveYear, year } = page.dataset as Record<string, string>;
    ranking.innerHTML = rankingChart(
      { id, level: level as 'wijk' | 'gebied', year: Number(liveYear ?? year), city: cityText && cityText !== 'null' ? Number(cityText) : null, rows },
      { width },
    );
  }, viewBoxWidth(rankSvg));
  const spreadBox = document.getElementById('spread');
  const spreadData = pageJson('spread-data', (t) => import('../lib/render/spread-view').then((m) => ({ m, data: m.spreadFromJson(t) })));
  if (spreadBox && document.getElementById('spread-data')) {
    const spreadSvg = spreadBox.querySelector<SVGSVGElement>('figure.spread > svg');
    keepFitted(spreadBox, builtWidth('spread', spreadSvg), async (width) => {
      const loaded = await spreadData();
      if (!loaded) return;
      const chosen = spreadBox.querySelector<HTMLElement>('figure.spread')?.dataset.chosen || undefined;
      spreadBox.innerHTML = loaded.m.renderSpread(loaded.data, { chosen, width });
      enableTrendFocus(spreadBox);
    }, viewBoxWidth(spreadSvg));
  }
}

/** Wijk page: each trend panel ("Verloop over de jaren") from #verloop-data, once its panel is open. */
export function fitWijkTrends(): void {
  const data = pageJson('verloop-data', (t) => import('../lib/render/trends').then((m) => ({ m, data: m.trendFromJson(t) })));
  if (!document.getElementById('verloop-data')) return;
  for (const fig of document.querySelectorAll<HTMLElement>('figure.trend[data-indicator]')) {
    keepFitted(fig, builtWidth('trend', fig.querySelector<SVGSVGElement>(':scope > svg')), async (width) => {
      const loaded = await data();
      const chart = loaded && loaded.m.trendChart(fig.dataset.indicator!, loaded.data.areas, loaded.data.points, { width });
      const old = fig.querySelector(':scope > svg');
      if (!chart || !old) return;
      const t = document.createElement('template');
      t.innerHTML = chart.svg;
      const svg = t.content.querySelector('svg');
      if (!svg) return;
      old.replaceWith(svg);
      enableTrendFocus(fig.parentElement ?? document);
    });
  }
}
