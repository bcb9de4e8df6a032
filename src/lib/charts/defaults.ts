// Shared chart defaults: the site's palette (src/styles/global.css) and type sizes. Each chart kind
// has its own defaults object on top of its module, built from these, like Plot's marks.

/** Colours of the site (global.css custom properties) and the few chart-only tints. */
export const palette = {
  /** --ink: text, reference lines. */
  ink: '#1b1f24',
  /** --muted: secondary text and guide lines. */
  muted: '#59636e',
  /** --line: rules and neutral cells. */
  line: '#d0d7de',
  /** --accent: a highlighted area. */
  accent: '#005a9c',
  /** The header's dark blue: a series' own line. */
  navy: '#0b2e4f',
  /** Colour-blind-safe diverging pair (--better, --worse) and --neutral. */
  better: '#2166ac',
  worse: '#b35806',
  neutral: '#8c8c8c',
  /** Bars that are not highlighted. */
  bar: '#9db4c9',
  /** Land that is not highlighted on a map, and its hover colour. */
  land: '#e8ecef',
  landHover: '#9ec3e6',
  /** The hatch of areas without a value: ground and lines. */
  hatchGround: '#f0f0f0',
  hatchLine: '#c8c8c8',
  /** The bar joining two values of one year (Wijkprofiel). */
  gap: '#c4ccd4',
  white: '#ffffff',
  /** Rotterdam-Zuid as a reference line over time: apart from blue, grey and the judging pair. */
  zuid: '#7b3294',
} as const;

/**
 * Type sizes in px; axis ticks and labels never below 12 px. The family is Plot's own
 * (system-ui, sans-serif), which is also the first choice of the site's font stack.
 */
export const font = {
  tick: 12,
  /** Values printed on marks (bar ends, cells). */
  value: 12,
  legend: 14,
  /** Presentation charts are projected: everything larger. */
  presentation: { tick: 18, value: 16, label: 14 },
  /** On a projector at 1920 px: at least 24 px where the slide shows the chart (a little larger,
   * since a slide may scale a chart down slightly to fit). */
  projector: { tick: 26, value: 26, label: 26, legend: 26 },
} as const;

/** Dash patterns: a reference (city, 100, ambition) is dashed, a series solid. */
export const dash = { reference: '4,3', city: '3,2', ambition: '6,4' } as const;

/** Number format for chart labels (Dutch). */
export const integer = (v: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }).format(v);
