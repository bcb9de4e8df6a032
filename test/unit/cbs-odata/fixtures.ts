// Test tables for the CBS OData tests. Metadata: the hand-made extracts in
// test/fixtures/cbs-odata/ (kwb-*: keys, titles and units copied from 85984NED's real
// DataProperties; rivm-*: the 50090NED layout — Leeftijd, Marges, WijkenEnBuurten, Perioden — with
// invented titles). Rows are synthetic, padded the way CBS pads codes ('GM0599    ').
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CbsTablesConfig } from '../../../scripts/download-cbs.ts';
import type { ServedTable } from './odata-server.ts';

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
    Koopwoningen_47: 12.5,
    AantalInkomensontvangers_81: 800 + i,
    MeestVoorkomendePostcode_125: code.startsWith('BU') ? '3011' : '.',
    MateVanStedelijkheid_127: 1,
  }));
  return {
    tableInfos: fixture('kwb-TableInfos.json'),
    dataProperties: fixture('kwb-DataProperties.json'),
    dimensions: {
      WijkenEnBuurten: AREAS.map(([code, name]) => ({ Key: pad(code, 10), Title: name, Description: null, DetailRegionCode: code, StatusCode: '' })),
    },
    data,
  };
}

export const RIVM_AREAS = AREAS.map(([c]) => (c === 'NL00' ? 'NL01' : c));

export function rivmTable(): ServedTable {
  const data: Record<string, unknown>[] = [];
  let id = 0;
  for (const leeftijd of ['20300', '80200', '53115']) {
    for (const marge of ['MW00000', 'MOG0095']) {
      for (const code of RIVM_AREAS) {
        for (const p of ['2012JJ00', '2016JJ00', '2020JJ00', '2022JJ00']) {
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
            MoeiteMetRondkomen_38: 20 + y - 2012,
          });
        }
      }
    }
  }
  return {
    tableInfos: fixture('rivm-TableInfos.json'),
    dataProperties: fixture('rivm-DataProperties.json'),
    dimensions: {
      Leeftijd: [
        { Key: '20300', Title: '18 jaar of ouder', Description: '', CategoryGroupID: null },
        { Key: '80200', Title: '65 jaar of ouder', Description: '', CategoryGroupID: null },
        { Key: '53115', Title: '19 tot 65 jaar', Description: '', CategoryGroupID: null },
      ],
      Marges: [
        { Key: 'MW00000', Title: 'Waarde', Description: '', CategoryGroupID: null },
        { Key: 'MOG0095', Title: 'Ondergrens 95%-interval', Description: '', CategoryGroupID: null },
      ],
      WijkenEnBuurten: RIVM_AREAS.map((c) => ({ Key: pad(c, 10), Title: c, Description: null, DetailRegionCode: c, StatusCode: '' })),
      Perioden: ['2012', '2016', '2020', '2022'].map((y) => ({ Key: `${y}JJ00`, Title: y, Description: '', Status: 'Definitief' })),
    },
    data,
  };
}

/** The shape of data/cbs-tables.json, for the two fixture tables. */
export function testConfig(): CbsTablesConfig {
  return {
    baseUrl: 'http://127.0.0.1:9/unused',
    areas: { land: true, gemeenten: ['GM0599', 'GM0363', 'GM0518', 'GM0344'], wijkenEnBuurtenVan: ['GM0599'] },
    sources: {
      kwb: { title: 'KWB', geoDimension: 'WijkenEnBuurten', tables: { '2024': '85984NED' } },
      rivm: {
        title: 'RIVM',
        geoDimension: 'WijkenEnBuurten',
        tables: { '2012': '50090NED', '2016': '50090NED', '2020': '50090NED' },
        dimensions: { Leeftijd: { '20300': '18+', '80200': '65+' }, Marges: { MW00000: 'puntschatting' } },
      },
    },
  };
}
