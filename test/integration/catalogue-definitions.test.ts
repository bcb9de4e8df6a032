// Every catalogue definition says what the publisher says. For CBS tables the publisher's words
// are the DataProperties (OData metadata: Title and Description per column) in the open-data
// folder; for years without such a file, the nearest year of the same table series that has one
// (KWB keeps a column's title and meaning across years: HuishOnderOfRondSociaalMinimum is
// "Huish. onder of rond sociaal minimum" from 2014 to 2024). Where no metadata exists, the
// column title itself (KWB CSV) or the age group of the variable (RIVM) is the publisher's wording.
//
// The checks compare numbers that carry meaning (thresholds, percentages, age bands, amounts):
//  A. every such number in our definition occurs in the publisher's title or description;
//  B. every number in the publisher's title, and every "N% van …", "N tot M jaar",
//     "N jaar of ouder" and "N euro" in its description, occurs in our definition;
//  C. numbers in a KWB column title occur in the definition ("Actieven 15-75 jaar");
//  D. a RIVM variable's age group (18+, 65+) occurs in the definition.
// The old sociaal_minimum definition ("tot 110%") fails A and B; see the last test.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, type Indicator } from '../../src/lib/catalogue';
import { resolveSourceDir } from '../../scripts/pipeline/source-dir';

const sourceDir = resolveSourceDir([]);

interface Prop { ID: number; ParentID: number | null; Type: string; Key: string; Title: string; Unit?: string; Description?: string | null; Position?: number }
interface Topic { table: string; key: string; path: string[]; unit: string; text: string; title: string; description: string }

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every DataProperties file under the source folder, by table id ('85984NED_DataProperties.json',
 * or 'cbs_odata/<table>/DataProperties.json' as written by npm run data:download). */
function findDataProperties(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/DataProperties\.json$/i.test(e.name)) {
        const table = /^(\d+NED)_/.exec(e.name)?.[1] ?? /^(\d+NED)$/.exec(path.basename(d))?.[1];
        if (table) out.set(table, p);
      }
    }
  };
  walk(dir);
  return out;
}

function readTopics(table: string, file: string): Topic[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  const props: Prop[] = Array.isArray(raw) ? raw : raw.value;
  const byId = new Map(props.map((p) => [p.ID, p]));
  return props
    .filter((p) => p.Type === 'Topic')
    .map((p) => {
      const chain: string[] = [norm(p.Title)];
      for (let q = p.ParentID === null ? undefined : byId.get(p.ParentID); q; q = q.ParentID === null ? undefined : byId.get(q.ParentID)) chain.unshift(norm(q.Title));
      const title = norm(p.Title);
      const description = norm(p.Description ?? '');
      return { table, key: p.Key, path: chain, unit: norm(p.Unit ?? ''), title, description, text: `${title} ${description}` };
    });
}

const propsFiles = findDataProperties(sourceDir);
const topicsByTable = new Map([...propsFiles].map(([t, f]) => [t, readTopics(t, f)]));

/** The DataProperties to use for a source year: its own table's, else the nearest year's of the same source that has one. */
function topicsFor(source: string, year: number): Topic[] | undefined {
  const tables = catalogue.sources[source]?.tables ?? {};
  const years = Object.keys(tables).map(Number).filter((y) => topicsByTable.has(tables[String(y)]));
  years.sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a);
  return years.length ? topicsByTable.get(tables[String(years[0])]) : undefined;
}

/** 'Bevolking|…|Buiten Europa [aantal]' → path segments and unit. */
function splitVariable(v: string): { segments: string[]; unit: string } {
  const m = /^(.*?)\s*\[([^\]]*)\]$/.exec(v);
  return { segments: (m ? m[1] : v).split('|').map(norm), unit: norm(m ? m[2] : '') };
}

function matchTopic(topics: Topic[], variable: string): Topic | undefined {
  const { segments, unit } = splitVariable(variable);
  const tail = (t: Topic) => segments.every((s, i) => t.path[t.path.length - segments.length + i] === s);
  const candidates = topics.filter(tail);
  const sameUnit = candidates.filter((t) => t.unit === unit);
  // Several topics share a title ('Buiten Europa' under three groups): the first one, the group total.
  return (sameUnit.length ? sameUnit : candidates)[0];
}

/** Numbers as written in Dutch or by CBS: '9.249' and '1 000' are 9249 and 1000. */
const num = (s: string) => String(Number(s.replace(/[ .]/g, '')));
const numbersIn = (text: string) => [...text.matchAll(/\d+(?:[ .]\d{3})*/g)].map((m) => num(m[0]));

/** Numbers in a definition that state a threshold, share, age or amount. */
function definitionThresholds(def: string): string[] {
  return [...def.matchAll(/(\d+(?:\.\d{3})*)\s*(?:%|procent\b|jaar\b|euro\b|\+|-plussers\b)/g)].map((m) => num(m[1]));
}

/** Key numbers in a CBS description. */
function descriptionThresholds(desc: string): string[] {
  const out: string[] = [];
  for (const m of desc.matchAll(/(\d+)\s*(?:%|procent)\s+van\b/g)) out.push(num(m[1]));
  for (const m of desc.matchAll(/(\d+)\s+tot\s+(\d+)\s+jaar/g)) out.push(num(m[1]), num(m[2]));
  for (const m of desc.matchAll(/(\d+)\s+jaar\s+of\s+ouder/g)) out.push(num(m[1]));
  for (const m of desc.matchAll(/(\d+(?:\.\d{3})*)\s+euro\b/g)) out.push(num(m[1]));
  return out;
}

/** Problems of one definition against the topics it was matched to; empty when it agrees. */
function definitionProblems(id: string, definition: string, topics: Topic[]): string[] {
  if (!topics.length) return [];
  const problems: string[] = [];
  const ours = new Set(numbersIn(definition));
  const theirs = new Set(topics.flatMap((t) => numbersIn(t.text)));
  for (const n of definitionThresholds(definition)) {
    if (!theirs.has(n)) problems.push(`${id}: de definitie noemt ${n}, CBS (${topics.map((t) => `${t.table} ${t.key}`).join(', ')}) niet`);
  }
  for (const t of topics) {
    for (const n of [...numbersIn(t.title), ...descriptionThresholds(t.description)]) {
      if (!ours.has(n)) problems.push(`${id}: CBS ${t.table} ${t.key} noemt ${n}, de definitie niet`);
    }
  }
  return [...new Set(problems)];
}

function cbsTopicsOf(ind: Indicator): Topic[] {
  const found = new Map<string, Topic>();
  for (const s of ind.series) {
    const v = s.variable ?? s.numerator;
    if (!v) continue;
    for (const y of s.years) {
      const topics = topicsFor(s.source, y);
      const t = topics && matchTopic(topics, v);
      if (t) found.set(`${t.table}|${t.key}`, t);
    }
  }
  return [...found.values()];
}

describe('catalogue definitions against the publisher', () => {
  it('finds the CBS metadata in the open data (KWB 2024, 85984NED)', () => {
    expect([...propsFiles.keys()]).toContain('85984NED');
    expect(topicsByTable.get('85984NED')!.length).toBeGreaterThan(100);
  });

  it('matches catalogue variables to CBS DataProperties entries', () => {
    const matched = catalogue.indicators.filter((i) => cbsTopicsOf(i).length > 0).map((i) => i.id);
    // Without a match the checks below would pass for nothing: these must be found.
    for (const id of ['inwoners', 'jong', 'oud', 'buiten_europa', 'eenpersoons', 'huishoudgrootte', 'dichtheid', 'bijstand', 'bijstand_aantal', 'ww', 'ao', 'inkomen_per_inwoner', 'laag_inkomen', 'sociaal_minimum', 'woz', 'koopwoningen', 'corporatie', 'onbewoond']) {
      expect(matched, id).toContain(id);
    }
    expect(cbsTopicsOf(catalogue.indicators.find((i) => i.id === 'sociaal_minimum')!).map((t) => t.key)).toEqual(['HuishOnderOfRondSociaalMinimum_90']);
    expect(cbsTopicsOf(catalogue.indicators.find((i) => i.id === 'buiten_europa')!).map((t) => t.key)).toEqual(['BuitenEuropa_19']);
  });

  it('every definition with a CBS DataProperties entry states the same thresholds, shares and ages (A, B)', () => {
    const problems = catalogue.indicators.flatMap((i) => definitionProblems(i.id, i.definition, cbsTopicsOf(i)));
    expect(problems).toEqual([]);
  });

  it('numbers in KWB column titles occur in the definition (C)', () => {
    const problems: string[] = [];
    for (const ind of catalogue.indicators) {
      const ours = new Set(numbersIn(ind.definition));
      for (const s of ind.series.filter((x) => x.source === 'kwb')) {
        const v = s.variable ?? s.numerator!;
        for (const n of numbersIn(splitVariable(v).segments.join(' '))) if (!ours.has(n)) problems.push(`${ind.id}: kolom "${v}" noemt ${n}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('RIVM definitions name the age group of their variable (D)', () => {
    const problems: string[] = [];
    for (const ind of catalogue.indicators) {
      for (const s of ind.series.filter((x) => x.source === 'rivm')) {
        const age = /(\d+)\+$/.exec(s.variable ?? '')?.[1];
        expect(age, `${ind.id}: ${s.variable}`).toBeDefined();
        if (!numbersIn(ind.definition).includes(age!)) problems.push(`${ind.id}: ${s.variable} gaat over ${age}+`);
        if (!/modelschatting/i.test(ind.definition)) problems.push(`${ind.id}: noemt niet dat het een modelschatting is`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fails on the old sociaal_minimum definition (110% instead of 101%)', () => {
    const topics = cbsTopicsOf(catalogue.indicators.find((i) => i.id === 'sociaal_minimum')!);
    const old = 'Deel van de huishoudens met een inkomen onder of rond het sociaal minimum (tot 110% ervan).';
    expect(definitionProblems('sociaal_minimum', old, topics)).toEqual([
      'sociaal_minimum: de definitie noemt 110, CBS (85984NED HuishOnderOfRondSociaalMinimum_90) niet',
      'sociaal_minimum: CBS 85984NED HuishOnderOfRondSociaalMinimum_90 noemt 101, de definitie niet',
    ]);
  });
});
