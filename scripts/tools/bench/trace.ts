// `npm run bench -- --trace`: a Chromium performance trace (CDP Tracing, the categories DevTools'
// Performance panel records) of fresh loads of one page, summarised per kind of main-thread work:
// parse HTML, style, layout, script, paint, other. Self time (a task's time minus the tasks nested
// in it), on the renderer main thread that parsed the page, from navigation until the load event
// and a quiet second. Style and layout that run inside script are also counted as "forced"
// (synchronous layout the script asked for).
import type { BrowserContext, CDPSession } from 'playwright-core';

export type TraceKind = 'parse' | 'style' | 'layout' | 'script' | 'paint' | 'other';
export const TRACE_KINDS: TraceKind[] = ['parse', 'style', 'layout', 'script', 'paint', 'other'];

const KIND_OF: Record<string, TraceKind> = {
  ParseHTML: 'parse',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', ParseAuthorStyleSheet: 'style', ScheduleStyleRecalculation: 'style',
  Layout: 'layout', 'IntersectionObserverController::computeIntersections': 'layout',
  EvaluateScript: 'script', 'v8.compile': 'script', 'v8.compileModule': 'script', 'v8.evaluateModule': 'script', FunctionCall: 'script',
  TimerFire: 'script', EventDispatch: 'script', 'v8.run': 'script', RunMicrotasks: 'script', 'v8.produceCache': 'script', 'v8.produceModuleCache': 'script',
  CompileScript: 'script', FireAnimationFrame: 'script', FireIdleCallback: 'script', MajorGC: 'script', MinorGC: 'script', 'V8.GCScavenger': 'script',
  'V8.GCFinalizeMC': 'script', 'v8.callFunction': 'script', 'V8.Execute': 'script', 'v8.newInstance': 'script',
  Paint: 'paint', PaintImage: 'paint', PrePaint: 'paint', CompositeLayers: 'paint', Layerize: 'paint', UpdateLayer: 'paint', UpdateLayerTree: 'paint',
  Commit: 'paint', 'Decode Image': 'paint', PaintSetup: 'paint',
};

/** Blink's finer trace names (the disabled-by-default categories), by pattern. */
const KIND_PATTERNS: [RegExp, TraceKind][] = [
  [/HTMLDocumentParser|ParseHTML|TextResourceDecoder|DocumentLoader::|Document::FinishedParsing|HTMLParserScriptRunner/, 'parse'],
  [/[Ss]tyle|recalcStyle|rebuildLayoutTree|CSSParser|StyleEngine/, 'style'],
  [/Layout|ShapeText|InlineNode|performLayout|LayoutNG/, 'layout'],
  [/^v8|^V8|Script|Microtask|GC|evaluateModule|FunctionCall|Timer|Event|AnimationFrame|IdleCallback/, 'script'],
  [/Paint|Composit|Layer|Raster|Commit|UpdateLifecycle|Blink\./, 'paint'],
];

function kindOf(name: string): TraceKind | null {
  return KIND_OF[name] ?? KIND_PATTERNS.find(([re]) => re.test(name))?.[1] ?? null;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string }; beginData?: { url?: string } };
}

export interface TraceSummary {
  ms: Record<TraceKind, number>;
  /** Style and layout nested in script. */
  forced: number;
  total: number;
  /** Main-thread tasks over 50 ms. */
  longTasks: number;
  nodes: number;
  htmlBytes: number;
}

/** Self time per kind on one thread's complete events (ph X), nesting by time. */
export function summariseEvents(events: TraceEvent[]): { ms: Record<TraceKind, number>; forced: number; longTasks: number } {
  const ms = Object.fromEntries(TRACE_KINDS.map((k) => [k, 0])) as Record<TraceKind, number>;
  let forced = 0;
  let longTasks = 0;
  const xs = events.filter((e) => e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const stack: { e: TraceEvent; end: number; child: number; kind: TraceKind | null }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.end <= upTo) {
      const top = stack.pop()!;
      const self = Math.max(0, top.e.dur! - top.child);
      // Top-level scheduler tasks are "other" only for their time not covered by a known kind.
      const kind = top.kind ?? (stack.some((s) => s.kind) ? stack.findLast((s) => s.kind)!.kind! : 'other');
      ms[kind] += self / 1000;
      if ((kind === 'style' || kind === 'layout') && stack.some((s) => s.kind === 'script')) forced += self / 1000;
    }
  };
  for (const e of xs) {
    close(e.ts);
    if (!stack.length && e.dur! > 50_000) longTasks++;
    if (stack.length) stack.at(-1)!.child += e.dur!;
    stack.push({ e, end: e.ts + e.dur!, child: 0, kind: kindOf(e.name) });
  }
  close(Infinity);
  return { ms, forced, longTasks };
}

async function collect(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink', 'loading', 'toplevel', 'blink.user_timing'],
    },
  } as never);
  await run();
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/** One traced, cache-less load of `url` in a page of `context`. */
export async function tracePage(context: BrowserContext, url: string): Promise<TraceSummary> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let htmlBytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number; requestId: string }) => {
      if (!htmlBytes) htmlBytes = e.encodedDataLength;
    });
    const events = await collect(cdp, async () => {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(1000);
    });
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    // The main thread that parsed this URL.
    const parse = events.find((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '').startsWith(url));
    if (!parse) throw new Error(`Geen ParseHTML voor ${url} in de trace (${events.length} events)`);
    const own = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid);
    const s = summariseEvents(own);
    return { ...s, total: TRACE_KINDS.reduce((t, k) => t + s.ms[k], 0), nodes, htmlBytes };
  } finally {
    await page.close();
  }
}

const n0 = (x: number) => Math.round(x).toLocaleString('nl-NL');

/** Median per field over runs, printed as one table row. */
export function traceRow(label: string, runs: TraceSummary[]): string {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const m = (f: (t: TraceSummary) => number) => med(runs.map(f));
  return `  ${label.padEnd(28)} ${TRACE_KINDS.map((k) => n0(m((t) => t.ms[k])).padStart(7)).join('')} ${n0(m((t) => t.total)).padStart(7)} ${n0(m((t) => t.forced)).padStart(7)} ${n0(m((t) => t.longTasks)).padStart(5)} ${n0(m((t) => t.nodes)).padStart(7)} ${(m((t) => t.htmlBytes) / 1024).toFixed(1).replace('.', ',').padStart(8)}`;
}

export const TRACE_HEAD = `  ${'pagina (ms, mediaan)'.padEnd(28)} ${['parse', 'style', 'layout', 'script', 'paint', 'overig'].map((h) => h.padStart(7)).join('')} ${'totaal'.padStart(7)} ${'geforc.'.padStart(7)} ${'>50'.padStart(5)} ${'nodes'.padStart(7)} ${'html KB'.padStart(8)}`;
