// Test tables for the CBS OData tests. Metadata: the hand-made extracts in
// test/fixtures/cbs-odata/ (kwb-*: keys, titles and units copied from 85984NED's real
// DataProperties, and its real symbol legend; rivm-*: the 50090NED layout — Leeftijd, Marges,
// WijkenEnBuurten, Perioden — with invented titles, catalogue RIVM). Rows are synthetic, padded the
// way CBS pads codes ('GM0599    '). Dimension rows carry the fields CBS's have: geo rows Key,
// Title, Description, CategoryGroupID, DetailRegionCode, Municipality (no DetailRegionCode for
// NL00); other dimensions Key, Title, Description, CategoryGroupID; Perioden Key, Title,
// Description, Status (CBSOData3.jl's recorded responses; cbsodataR users' scripts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CbsTablesConfig } from '../../../scripts/download-cbs.ts';
import { untypedFrom, type ServedTable } from './odata-server.ts';

const dir = fileURLToPath(new URL('../../fixtures/cbs-odata/', import.meta.url));
export const fixture = (name: string) => JSON.parse(readFileSync(dir + name, 'utf8')) as Record<string, unknown>[];

export const pad = (s: string, n: number) => s.padEnd(n, ' ');

/** [code, name, gemeente, soort]; the first block is kept, the rest must be filtered out. */
export const AREAS: [string, string, string, string][] = [
  ['NL00', 'Nederland', 'Nederland', 'Land'],
  ['GM0599', 'Rotterdam', 'Rotterdam', 'Gemeente'],
  ['GM0363', 'Amsterdam', 'Amsterdam', 'Gemeente'],
  ['GM0518', "'s-Gravenhage", "'s-Gravenhage", 'Gemeente'],
  ['GM0344', 'Utrecht', 'Utrecht', 'Gemeente'],
  ['WK059901', 'Wijk 01 Stadsdriehoek', 'Rotterdam', 'Wijk'],
  ['BU05990110', 'Stadsdriehoek', 'Rotterdam', 'Buurt'],
  ['BU05990111', 'Oude Westen', 'Rotterdam', 'Buurt'],
  ['WK059903', 'Delfshaven', 'Rotterdam', 'Wijk'],
  ['BU05990320', 'Delfshaven', 'Rotterdam', 'Buurt'],
  ['GM0014', 'Groningen', 'Groningen', 'Gemeente'],
  ['WK001401', 'Centrum', 'Groningen', 'Wijk'],
  ['BU00140100', 'Binnenstad-Zuid', 'Groningen', 'Buurt'],
  ['WK0363AF', 'Burgwallen-Nieuwe Zijde', 'Amsterdam', 'Wijk'],
  ['BU0363AF01', 'Kop Zeedijk', 'Amsterdam', 'Buurt'],
];
export const KEPT = AREAS.slice(0, 10).map((a) => a[0]);

/** A geo dimension row as CBS gives it. */
export function geoRow(code: string, title: string): Record<string, unknown> {
  const gm = /^(WK|BU)(\d{4})/.exec(code);
  return {
    Key: pad(code, 10), Title: title, Description: null, CategoryGroupID: null,
    DetailRegionCode: code.startsWith('NL') ? '' : code, Municipality: gm ? `GM${gm[2]}` : code.startsWith('GM') ? code : null,
  };
}

export function kwbTable(): ServedTable {
  const data = AREAS.map(([code, , gemeente, soort], i) => ({
    ID: i,
    WijkenEnBuurten: pad(code, 10),
    Gemeentenaam_1: pad(gemeente, 40),
    SoortRegio_2: pad(soort, 10),
    Codering_3: pad(code, 10),
    IndelingswijzigingGemeenteWijkBuurt_4: code === 'NL00' ? '.' : '1',
    AantalInwoners_5: 1000 + i,
    k_0Tot15Jaar_8: 100 + i,
    BuitenEuropa_19: 10 + i,
    BuitenEuropa_22: 20 + i,
    GemiddeldeWOZWaardeVanWoningen_39: code === 'BU05990111' ? null : 300 + i,
    Koopwoningen_47: code === 'WK059903' ? null : 12.5,
    AantalInkomensontvangers_81: 800 + i,
    MeestVoorkomendePostcode_125: code.startsWith('BU') ? '3011' : '.',
    MateVanStedelijkheid_127: 1,
  }));
  // Untyped: '.' for the secret WOZ value, blank (logically impossible) for Delfshaven's Koopwoningen.
  const untyped = untypedFrom(data).map((r) => (String(r.WijkenEnBuurten).trim() === 'WK059903' ? { ...r, Koopwoningen_47: '        ' } : r));
  return {
    tableInfos: fixture('kwb-TableInfos.json'),
    dataProperties: fixture('kwb-DataProperties.json'),
    dimensions: { WijkenEnBuurten: AREAS.map(([code, name]) => geoRow(code, name)) },
    data,
    untyped,
  };
}

export const RIVM_AREAS = AREAS.map(([c]) => (c === 'NL00' ? 'NL01' : c));

export function rivmTable(): ServedTable {
  return rivmLike({ periods: ['2012', '2016', '2020', '2022'], ages: ['20300', '80200', '53115'], marges: ['MW00000', 'MOG0095'], moeite: 'MoeiteMetRondkomen_38', infos: fixture('rivm-TableInfos.json') });
}

/**
 * 50120NED, the later RIVM table (2012–2022 on the 2022 division), as far as public users' code shows
 * it: catalogue RIVM on dataderden.cbs.nl, the same dimensions (Leeftijd 20300/53115/80200, Marges
 * MW00000/MOG0095/MBG0095, Perioden up to 2022JJ00) and renumbered topics (MoeiteMetRondkomen_33).
 */
export function rivm2022Table(): ServedTable {
  const infos = fixture('rivm-TableInfos.json').map((i) => ({
    ...i, Identifier: '50120NED', Title: 'Gezondheid per wijk en buurt; 2012/2016/2020/2022 (indeling 2022)', Period: '2012, 2016, 2020, 2022', Modified: '2024-05-01T02:00:00',
  }));
  return rivmLike({ periods: ['2012', '2016', '2020', '2022'], ages: ['20300', '53115', '80200'], marges: ['MW00000', 'MOG0095', 'MBG0095'], moeite: 'MoeiteMetRondkomen_33', infos });
}

function rivmLike(o: { periods: string[]; ages: string[]; marges: string[]; moeite: string; infos: Record<string, unknown>[] }): ServedTable {
  const AGE_TITLES: Record<string, string> = { '20300': '18 jaar of ouder', '80200': '65 jaar of ouder', '53115': '18 tot 65 jaar' };
  const MARGE_TITLES: Record<string, string> = { MW00000: 'Waarde', MOG0095: 'Ondergrens 95%-interval', MBG0095: 'Bovengrens 95%-interval' };
  const data: Record<string, unknown>[] = [];
  let id = 0;
  for (const leeftijd of o.ages) {
    for (const marge of o.marges) {
      for (const code of RIVM_AREAS) {
        for (const p of o.periods.map((y) => `${y}JJ00`)) {
          const y = Number(p.slice(0, 4));
          data.push({
            ID: id++,
            Leeftijd: leeftijd,
            Marges: marge,
            WijkenEnBuurten: pad(code, 10),
            Perioden: p,
            Gemeentenaam_1: pad('x', 30),
            SoortRegio_2: pad('x', 8),
            Codering_3: pad(code, 20),
            ErvarenGezondheidGoedZeerGoed_4: y === 2012 ? null : 70 + (leeftijd === '80200' ? 5 : 0) + (y - 2016) / 10,
            [o.moeite]: 20 + y - 2012,
          });
        }
      }
    }
  }
  return {
    catalog: 'RIVM',
    tableInfos: o.infos,
    dataProperties: fixture('rivm-DataProperties.json').map((p) => (p.Key === 'MoeiteMetRondkomen_38' ? { ...p, Key: o.moeite } : p)),
    dimensions: {
      Leeftijd: o.ages.map((k) => ({ Key: k, Title: AGE_TITLES[k], Description: '', CategoryGroupID: null })),
      Marges: o.marges.map((k) => ({ Key: k, Title: MARGE_TITLES[k], Description: '', CategoryGroupID: null })),
      WijkenEnBuurten: RIVM_AREAS.map((c) => geoRow(c, c)),
      Perioden: o.periods.map((y) => ({ Key: `${y}JJ00`, Title: y, Description: '', Status: 'Definitief' })),
    },
    data,
  };
}

/** The shape of data/cbs-tables.json, for the two fixture tables (roots unused: tests pass --base). */
export function testConfig(): CbsTablesConfig {
  return {
    areas: { land: true, gemeenten: ['GM0599', 'GM0363', 'GM0518', 'GM0344'], wijkenEnBuurtenVan: ['GM0599'] },
    sources: {
      kwb: { title: 'KWB', baseUrl: 'http://127.0.0.1:9', catalog: 'CBS', geoDimension: 'WijkenEnBuurten', tables: { '2024': '85984NED' } },
      rivm: {
        title: 'RIVM',
        baseUrl: 'http://127.0.0.1:9',
        catalog: 'RIVM',
        geoDimension: 'WijkenEnBuurten',
        tables: { '2012': '50090NED', '2016': '50090NED', '2020': '50090NED' },
        dimensions: { Leeftijd: { '20300': '18+', '80200': '65+' }, Marges: { MW00000: 'puntschatting' } },
        successors: { '50090NED': '50120NED' },
      },
    },
  };
}
