// Stories for the presentation mode (src/content/verhalen/*.md): one slide per `##` section with a
// title, optional short text, at most one visual in a fenced ```visual block (a small YAML subset,
// so every key keeps its line number) and presenter notes after a line `Notities:`. Parsing and
// checking are pure: the build hands in what the catalogue and the published data hold, and a
// wrong indicator id, area code or year stops the build with file and line.
import type { Catalogue, Indicator } from './catalogue';

export type VisualKind = 'getal' | 'lijn' | 'staaf' | 'kaart' | 'spreiding' | 'wijkprofiel';
export const VISUAL_KINDS: VisualKind[] = ['getal', 'lijn', 'staaf', 'kaart', 'spreiding', 'wijkprofiel'];
export type Level = 'wijk' | 'gebied';

/** A value of the visual block with the file line it stands on. */
interface Located<T> { value: T; line: number }

export interface Visual {
  kind: VisualKind;
  line: number;
  /** Every key as written, with its line (checked per kind by checkStory). */
  fields: Map<string, Located<string | string[]>>;
}

export interface Slide {
  title: string;
  /** 1-based line of the `##` heading. */
  line: number;
  /** Short text: paragraphs of plain text (with **vet**). */
  text: string[];
  visual: Visual | null;
  notes: string;
}

export interface StoryBody { slides: Slide[] }

export class StoryError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'StoryError';
  }
}

/** The lines of the front matter (--- … ---), so the body's line numbers are the file's. */
function bodyStart(lines: string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  return end < 0 ? 0 : end + 1;
}

/** `a`, `"a b"`, `[a, b]` → string or list. */
function scalarOrList(raw: string): string | string[] {
  const v = raw.trim();
  const unquote = (s: string) => s.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (v.startsWith('[') && v.endsWith(']')) return v.slice(1, -1).split(',').map(unquote).filter((s) => s !== '');
  return unquote(v);
}

/** The visual block: `key: value` lines and `- item` lines under a `key:` without value. */
function parseVisual(file: string, block: { text: string; line: number }[], fenceLine: number): Visual {
  const fields = new Map<string, Located<string | string[]>>();
  let listKey: string | null = null;
  for (const { text, line } of block) {
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const item = /^\s+-\s+(.*)$/.exec(text);
    if (item && listKey) {
      const f = fields.get(listKey)!;
      f.value = [...(Array.isArray(f.value) ? f.value : []), String(scalarOrList(item[1]!))];
      continue;
    }
    const kv = /^([a-z_]+):\s*(.*)$/.exec(text);
    if (!kv) throw new StoryError(file, line, `kan deze regel van het visual-blok niet lezen: "${text.trim()}" (verwacht "sleutel: waarde")`);
    const [, key, value] = kv as unknown as [string, string, string];
    if (fields.has(key)) throw new StoryError(file, line, `"${key}" staat twee keer in het visual-blok`);
    fields.set(key, { value: value.trim() === '' ? [] : scalarOrList(value), line });
    listKey = value.trim() === '' ? key : null;
  }
  const kind = fields.get('soort');
  if (!kind) throw new StoryError(file, fenceLine, `visual-blok zonder "soort:" (een van ${VISUAL_KINDS.join(', ')})`);
  if (!VISUAL_KINDS.includes(kind.value as VisualKind)) {
    throw new StoryError(file, kind.line, `onbekende soort "${String(kind.value)}" (kies uit ${VISUAL_KINDS.join(', ')})`);
  }
  return { kind: kind.value as VisualKind, line: fenceLine, fields };
}

/** Splits a story file (front matter included) into slides. Throws StoryError on a bad shape. */
export function parseStory(file: string, source: string): StoryBody {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const slides: Slide[] = [];
  let slide: Slide | null = null;
  let para: string[] = [];
  let inNotes = false;
  const notes: string[] = [];
  const flush = () => {
    if (!para.length) return;
    const text = para.join(' ').trim();
    para = [];
    if (!text) return;
    if (!slide) return;
    if (inNotes) notes.push(text);
    else slide.text.push(text);
  };
  const close = () => {
    flush();
    if (slide) slide.notes = notes.splice(0).join('\n\n');
    inNotes = false;
  };
  for (let i = bodyStart(lines); i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    const h = /^##\s+(.*)$/.exec(line);
    if (h) {
      close();
      slide = { title: h[1]!.trim(), line: n, text: [], visual: null, notes: '' };
      slides.push(slide);
      continue;
    }
    if (/^#\s/.test(line)) throw new StoryError(file, n, 'gebruik ## voor een dia; de titel van het verhaal staat in de kop (title:)');
    const fence = /^```\s*(\S*)\s*$/.exec(line);
    if (fence) {
      if (!slide) throw new StoryError(file, n, 'codeblok vóór de eerste dia (##)');
      if (fence[1] !== 'visual') throw new StoryError(file, n, `alleen \`\`\`visual-blokken horen in een verhaal, niet "${fence[1] || '(geen naam)'}"`);
      if (slide.visual) throw new StoryError(file, n, `dia "${slide.title}" heeft al een visual (regel ${slide.visual.line}); één per dia`);
      flush();
      const block: { text: string; line: number }[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^```\s*$/.test(lines[j]!); j++) block.push({ text: lines[j]!, line: j + 1 });
      if (j >= lines.length) throw new StoryError(file, n, 'visual-blok zonder afsluitende ```');
      slide.visual = parseVisual(file, block, n);
      i = j;
      continue;
    }
    if (/^Notities:\s*/.test(line)) {
      if (!slide) throw new StoryError(file, n, 'Notities: vóór de eerste dia (##)');
      flush();
      inNotes = true;
      const rest = line.replace(/^Notities:\s*/, '');
      if (rest) para.push(rest);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    if (!slide) throw new StoryError(file, n, 'tekst vóór de eerste dia (##)');
    para.push(line.trim());
  }
  close();
  if (!slides.length) throw new StoryError(file, bodyStart(lines) + 1, 'geen dia’s: begin elke dia met ## Titel');
  return { slides };
}

// --- Checking against the catalogue and the published data ---------------------------------

/** What the build knows: the catalogue, the areas, and which (indicator, area, year) have a value. */
export interface StoryEnv {
  catalogue: Catalogue;
  /** Context figures from policy documents (data/context-figures.json), by id. */
  context: Map<string, { value: number; source: string }>;
  areas: Map<string, { level: string; name: string }>;
  /** Whether the indicator has a value (status ok) for this area in this year. */
  hasValue(indicator: string, area: string, year: number): boolean;
  /** Years in which some area of the level has a value. */
  levelYears(indicator: string, level: string): number[];
}

/** A visual with every id, code and year checked and typed. */
export type CheckedVisual =
  | { kind: 'getal'; indicator: string; area: string; year: number }
  | { kind: 'getal'; context: string }
  | { kind: 'lijn'; indicator: string; areas: string[]; years: [number, number]; context: string[] }
  | { kind: 'staaf'; indicator: string; level: Level; year: number; top: number; areas: string[] }
  | { kind: 'kaart'; indicator: string; level: Level; year: number }
  | { kind: 'spreiding'; x: string; xYear: number; y: string; yYear: number; level: Level; diagonal: boolean; labels: number }
  | { kind: 'wijkprofiel'; index: 'si' | 'fi' | 'vi'; area: string };

const ALLOWED: Record<VisualKind, string[]> = {
  getal: ['indicator', 'gebied', 'jaar', 'context'],
  lijn: ['indicator', 'gebieden', 'jaren', 'context'],
  staaf: ['indicator', 'niveau', 'jaar', 'top', 'gebieden'],
  kaart: ['indicator', 'niveau', 'jaar'],
  spreiding: ['x', 'y', 'niveau', 'jaar_x', 'jaar_y', 'diagonaal', 'labels'],
  wijkprofiel: ['index', 'gebied'],
};

export function checkVisual(file: string, v: Visual, env: StoryEnv): CheckedVisual {
  const fail = (line: number, msg: string): never => {
    throw new StoryError(file, line, msg);
  };
  for (const [key, f] of v.fields) {
    if (key !== 'soort' && !ALLOWED[v.kind].includes(key)) fail(f.line, `"${key}" hoort niet bij soort ${v.kind} (wel: ${ALLOWED[v.kind].join(', ')})`);
  }
  const field = (key: string) => v.fields.get(key);
  const str = (key: string): { value: string; line: number } => {
    const f = field(key) ?? fail(v.line, `soort ${v.kind} vraagt "${key}:"`);
    if (Array.isArray(f.value)) fail(f.line, `"${key}" is één waarde, geen lijst`);
    return { value: f.value as string, line: f.line };
  };
  const list = (key: string): { value: string[]; line: number } | undefined => {
    const f = field(key);
    if (!f) return undefined;
    return { value: Array.isArray(f.value) ? f.value : [f.value], line: f.line };
  };
  const ind = (key: string): Indicator => {
    const { value, line } = str(key);
    const found = env.catalogue.indicators.find((i) => i.id === value);
    return found ?? fail(line, `onbekende indicator "${value}" (niet in data/indicators.json)`);
  };
  const year = (key: string, what: string, ok: (y: number) => boolean, known: () => number[]): number => {
    const { value, line } = str(key);
    const y = Number(value);
    if (!/^\d{4}$/.test(value)) fail(line, `"${value}" is geen jaartal`);
    if (!ok(y)) fail(line, `geen cijfers voor ${what} in ${y} (wel: ${known().join(', ') || 'geen jaren'})`);
    return y;
  };
  const area = (code: string, line: number): string => {
    if (!env.areas.has(code)) fail(line, `onbekende gebiedscode "${code}" (niet in de gepubliceerde areas)`);
    return code;
  };
  const level = (i: Indicator): Level => {
    const { value, line } = str('niveau');
    if (value !== 'wijk' && value !== 'gebied') fail(line, `niveau "${value}" bestaat niet: wijk of gebied`);
    if (i.levels && !i.levels.includes(value)) fail(line, `indicator "${i.id}" heeft geen cijfers per ${value}`);
    return value as Level;
  };
  const yearsOf = (i: string, a: string) => env.levelYears(i, env.areas.get(a)?.level ?? '').filter((y) => env.hasValue(i, a, y));
  const count = (key: string, dflt: number, max: number): number => {
    const f = field(key);
    if (!f) return dflt;
    const n = Number(f.value);
    if (Array.isArray(f.value) || !Number.isInteger(n) || n < 0 || n > max) fail(f.line, `"${key}" moet een geheel getal van 0 tot en met ${max} zijn`);
    return n;
  };

  switch (v.kind) {
    case 'getal': {
      if (field('context')) {
        const { value, line } = str('context');
        if (!env.context.has(value)) fail(line, `onbekend contextcijfer "${value}" (niet in data/context-figures.json)`);
        if (field('indicator')) fail(field('indicator')!.line, 'een getal is óf een indicator óf een contextcijfer');
        return { kind: 'getal', context: value };
      }
      const i = ind('indicator');
      const a = str('gebied');
      area(a.value, a.line);
      const y = year('jaar', `${i.id} in ${a.value}`, (yy) => env.hasValue(i.id, a.value, yy), () => yearsOf(i.id, a.value));
      return { kind: 'getal', indicator: i.id, area: a.value, year: y };
    }
    case 'lijn': {
      const i = ind('indicator');
      const as = list('gebieden') ?? fail(v.line, 'soort lijn vraagt "gebieden:"');
      if (!as.value.length || as.value.length > 4) fail(as.line, 'een lijn toont 1 tot en met 4 gebieden');
      as.value.forEach((c) => area(c, as.line));
      const ys = list('jaren') ?? fail(v.line, 'soort lijn vraagt "jaren: [van, tot]"');
      if (ys.value.length !== 2 || !ys.value.every((s) => /^\d{4}$/.test(s))) fail(ys.line, 'jaren: [van, tot], twee jaartallen');
      const [from, to] = ys.value.map(Number) as [number, number];
      if (from >= to) fail(ys.line, `jaren: ${from} ligt niet vóór ${to}`);
      for (const c of as.value) {
        for (const y of [from, to]) {
          if (!env.hasValue(i.id, c, y)) fail(ys.line, `geen cijfer voor ${i.id} in ${c} in ${y} (wel: ${yearsOf(i.id, c).join(', ')}); begin en eind van een lijn moeten een waarde hebben`);
        }
      }
      const ctx = list('context')?.value ?? [];
      for (const id of ctx) if (!env.context.has(id)) fail(field('context')!.line, `onbekend contextcijfer "${id}" (niet in data/context-figures.json)`);
      return { kind: 'lijn', indicator: i.id, areas: as.value, years: [from, to], context: ctx };
    }
    case 'staaf': {
      const i = ind('indicator');
      const l = level(i);
      const y = year('jaar', `${i.id} per ${l}`, (yy) => env.levelYears(i.id, l).includes(yy), () => env.levelYears(i.id, l));
      const as = list('gebieden');
      for (const c of as?.value ?? []) {
        area(c, as!.line);
        if (env.areas.get(c)!.level !== l) fail(as!.line, `${c} is geen ${l}`);
        if (!env.hasValue(i.id, c, y)) fail(as!.line, `geen cijfer voor ${i.id} in ${c} in ${y}`);
      }
      return { kind: 'staaf', indicator: i.id, level: l, year: y, top: count('top', 10, 15), areas: as?.value ?? [] };
    }
    case 'kaart': {
      const i = ind('indicator');
      const l = level(i);
      const y = year('jaar', `${i.id} per ${l}`, (yy) => env.levelYears(i.id, l).includes(yy), () => env.levelYears(i.id, l));
      return { kind: 'kaart', indicator: i.id, level: l, year: y };
    }
    case 'spreiding': {
      const x = ind('x');
      const y = ind('y');
      const l = level(x);
      if (y.levels && !y.levels.includes(l)) fail(str('y').line, `indicator "${y.id}" heeft geen cijfers per ${l}`);
      const xYear = year('jaar_x', `${x.id} per ${l}`, (yy) => env.levelYears(x.id, l).includes(yy), () => env.levelYears(x.id, l));
      const yYear = year('jaar_y', `${y.id} per ${l}`, (yy) => env.levelYears(y.id, l).includes(yy), () => env.levelYears(y.id, l));
      const diag = field('diagonaal');
      if (diag && diag.value !== 'ja' && diag.value !== 'nee') fail(diag.line, 'diagonaal: ja of nee');
      return { kind: 'spreiding', x: x.id, xYear, y: y.id, yYear, level: l, diagonal: diag?.value === 'ja', labels: count('labels', 6, 12) };
    }
    case 'wijkprofiel': {
      const { value, line } = str('index');
      if (!['si', 'fi', 'vi'].includes(value)) fail(line, `index "${value}" bestaat niet: si (sociaal), fi (fysiek) of vi (veiligheid)`);
      const a = str('gebied');
      area(a.value, a.line);
      const obj = `wp_${value}_obj`;
      if (!env.levelYears(obj, env.areas.get(a.value)!.level).some((yy) => env.hasValue(obj, a.value, yy))) fail(a.line, `geen Wijkprofiel-cijfers (${obj}) voor ${a.value}`);
      return { kind: 'wijkprofiel', index: value as 'si' | 'fi' | 'vi', area: a.value };
    }
  }
}

export interface CheckedSlide extends Omit<Slide, 'visual'> { visual: CheckedVisual | null }

/** Parses and checks a story file; the first problem throws a StoryError with file and line. */
export function checkStory(file: string, source: string, env: StoryEnv): CheckedSlide[] {
  return parseStory(file, source).slides.map((s) => ({ ...s, visual: s.visual ? checkVisual(file, s.visual, env) : null }));
}
