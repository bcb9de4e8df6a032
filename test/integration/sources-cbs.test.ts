// CBS-family loaders on the real open data (PROVENANCE sections 1, 2, 3, 7, 8, 11, 12, 13).
// Every expected number below was looked up by hand in the source files, not with these loaders:
// CSV cells with grep / head / Python's csv module (column found by its title on line 4),
// parquet cells with a plain DuckDB SELECT, DBF cells by reading the record, sums with awk.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGemeenteContext } from '../../scripts/pipeline/sources/gemeente-context.ts';
import { loadKwb2024Csv } from '../../scripts/pipeline/sources/kwb-2024-csv.ts';
import { loadPolitie2023, loadPopulation2023 } from '../../scripts/pipeline/sources/kwb-extra.ts';
import { listKwbStatlineColumns, loadKwbStatline } from '../../scripts/pipeline/sources/kwb-statline.ts';
import { loadKwb2025 } from '../../scripts/pipeline/sources/kwb-transposed.ts';
import { loadWijkbuurtkaart2016, loadWijkbuurtkaart2024 } from '../../scripts/pipeline/sources/wijkbuurtkaart.ts';
import type { LoadResult, SourceValue } from '../../scripts/pipeline/sources/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(repoRoot, process.env.OPENDATA_DIR ?? '../shared/opendata');

function one(values: SourceValue[], area: string, variable: string, year: number): SourceValue {
  const hits = values.filter((v) => v.area === area && v.variable === variable && v.year === year);
  expect(hits, `${area} ${variable} ${year}`).toHaveLength(1);
  return hits[0]!;
}

function sum(values: SourceValue[], prefix: string, variable: string, year: number): number {
  return values.filter((v) => v.area.startsWith(prefix) && v.variable === variable && v.year === year).reduce((s, v) => s + (v.value ?? 0), 0);
}

function codes(r: LoadResult, prefix: string, year: number): Set<string> {
  return new Set(r.areas.filter((a) => a.year === year && a.code.startsWith(prefix)).map((a) => a.code));
}

function checkShape(r: LoadResult): void {
  const kept = /^(NL|GM(0599|0363|0518|0344)|WK0599\d\d|BU0599\d{4})$/;
  expect(r.values.filter((v) => (v.status === 'ok') !== (typeof v.value === 'number'))).toEqual([]);
  expect(r.values.filter((v) => !kept.test(v.area))).toEqual([]);
  expect(r.values.filter((v) => v.value === 0 && v.status !== 'ok')).toEqual([]);
  const keys = r.values.map((v) => `${v.source}|${v.year}|${v.area}|${v.variable}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const f of r.files) expect(path.isAbsolute(f)).toBe(false);
}

async function timed(name: string, fn: () => Promise<LoadResult>): Promise<LoadResult> {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${name}: ${r.files.length} files, ${r.values.length} values, ${r.areas.length} areas in ${Math.round(performance.now() - t0)} ms`);
  return r;
}

const INW = 'Aantal inwoners [aantal]';

describe('KWB StatLine 2014–2018', () => {
  let r: LoadResult;
  beforeAll(async () => {
    r = await timed('loadKwbStatline', () => loadKwbStatline(dir));
  });

  it('has the shape and the files', () => {
    checkShape(r);
    expect(r.files).toHaveLength(5);
  });

  it('92 buurten and 22 wijken every year', () => {
    for (const y of [2014, 2015, 2016, 2017, 2018]) {
      expect(codes(r, 'BU', y).size, String(y)).toBe(92);
      expect(codes(r, 'WK', y).size, String(y)).toBe(22);
    }
  });

  it('inhabitants match the hand-checked totals', () => {
    // head -6 Kerncijfers_wijken_en_buurten_2016.csv: 'Rotterdam;Rotterdam;Gemeente;GM0599;2016;.;629606;…'
    expect(one(r.values, 'GM0599', INW, 2016).value).toBe(629606);
    expect(one(r.values, 'GM0599', INW, 2014).value).toBe(618355);
    // PROVENANCE §8 (verified): sums of wijken / buurten.
    expect(sum(r.values, 'WK', INW, 2016)).toBe(629570);
    expect(sum(r.values, 'BU', INW, 2016)).toBe(629430);
    expect(sum(r.values, 'BU', INW, 2018)).toBe(638535);
  });

  it('bijstand, WOZ and crime cells', () => {
    // 2017, column 75 '||Personen per soort uitkering; Bijstand': Tarwewijk 1020, Stadsdriehoek 520, GM0599 41650.
    expect(one(r.values, 'BU05991571', 'Personen per soort uitkering; Bijstand [aantal]', 2017).value).toBe(1020);
    expect(one(r.values, 'BU05990110', 'Personen per soort uitkering; Bijstand [aantal]', 2017).value).toBe(520);
    expect(one(r.values, 'GM0599', 'Personen per soort uitkering; Bijstand [aantal]', 2017).value).toBe(41650);
    // 2014 'Gemiddelde woningwaarde' (x 1 000 euro): GM0599 148, BU05990110 182.
    expect(one(r.values, 'BU05990110', 'Gemiddelde woningwaarde [x 1 000 euro]', 2014).value).toBe(182);
    // 2016 'Gewelds- en seksuele misdrijven': WK059901 29; empty (not '.') for BU05992705.
    expect(one(r.values, 'WK059901', 'Gewelds- en seksuele misdrijven [per 1 000 inwoners]', 2016).value).toBe(29);
    expect(one(r.values, 'BU05992705', 'Gewelds- en seksuele misdrijven [per 1 000 inwoners]', 2016)).toMatchObject({
      value: null,
      status: 'ontbreekt',
    });
  });

  it("'.' cells are geheim (2018 income not yet published)", () => {
    // 2018 '||Gemiddeld inkomen per inwoner\u00a0' is '.' on the GM0599 row.
    expect(one(r.values, 'GM0599', 'Gemiddeld inkomen per inwoner [x 1 000 euro]', 2018)).toMatchObject({ value: null, status: 'geheim' });
    expect(one(r.values, 'GM0599', 'Gemiddeld inkomen per inwoner [x 1 000 euro]', 2014).value).toBe(21.4);
  });

  it("wijk names lose the 'Wijk NN' prefix (2014, 2015)", () => {
    const name = (code: string, y: number) => r.areas.find((a) => a.code === code && a.year === y)?.name;
    expect(name('WK059901', 2014)).toBe('Rotterdam Centrum');
    expect(name('WK059903', 2015)).toBe('Delfshaven'); // file: 'Wijk 02 Delfshaven'
    expect(name('WK059927', 2015)).toBe('Rozenburg'); // file: 'Wijk 20 Rozenburg'
  });

  it('Indelingswijziging is emitted (29 rows with 3 in 2014)', () => {
    expect(r.values.filter((v) => v.year === 2014 && v.variable === 'Indelingswijziging' && v.value === 3)).toHaveLength(29);
    expect(r.values.filter((v) => v.year === 2016 && v.variable === 'Indelingswijziging' && v.value === 3)).toHaveLength(6);
  });

  it('column lists per year', async () => {
    const cols = await listKwbStatlineColumns(dir);
    expect(cols[2014]).toContain('0 tot 15 jaar [%]');
    expect(cols[2015]).toContain('0 tot 15 jaar [aantal]');
    expect(cols[2016]).toContain('Appartement [kWh]');
    expect(cols[2016]).toContain('Appartement [m³]');
    expect(cols[2016]).toContain('Eigen woning [kWh]');
    expect(cols[2018]).not.toContain("Personenauto's; jonger dan 6 jaar [aantal]");
    for (const y of [2014, 2015, 2016, 2017, 2018]) expect(new Set(cols[y]).size).toBe(cols[y]!.length);
  });
});

describe('KWB 2024 CSV', () => {
  let r: LoadResult;
  beforeAll(async () => {
    r = await timed('loadKwb2024Csv', () => loadKwb2024Csv(dir));
  });

  it('values from both files', () => {
    checkShape(r);
    // grep GM0599: '"Rotterdam";…;"GM0599    ";"1";670610;332267;338343;101198;92793;211801;159292;105526'
    expect(one(r.values, 'GM0599', INW, 2024).value).toBe(670610);
    expect(one(r.values, 'GM0599', '65 jaar of ouder [aantal]', 2024).value).toBe(105526);
    // _141648 line 13321: '"Rotterdam";…;670610;291899;85777;292934'
    expect(one(r.values, 'GM0599', 'Buiten Europa [aantal]', 2024).value).toBe(292934);
    expect(one(r.values, 'NL', INW, 2024).value).toBe(17942942);
    expect(one(r.values, 'GM0363', INW, 2024).value).toBe(931298);
    expect(sum(r.values, 'BU', INW, 2024)).toBe(670585);
  });

  it('91 buurten, 21 wijken, 9 boundary changes', () => {
    expect(codes(r, 'BU', 2024).size).toBe(91);
    expect(codes(r, 'WK', 2024).size).toBe(21);
    expect(r.values.filter((v) => v.variable === 'Indelingswijziging' && v.value === 3)).toHaveLength(9);
  });
});

describe('KWB 2025 transposed', () => {
  let r: LoadResult;
  beforeAll(async () => {
    r = await timed('loadKwb2025', () => loadKwb2025(dir));
  });

  it('values', () => {
    checkShape(r);
    // '"Bevolking|Aantal inwoners";"aantal";"18044027";"672960";…'
    expect(one(r.values, 'GM0599', INW, 2025).value).toBe(672960);
    expect(one(r.values, 'BU05990110', 'Gemiddelde WOZ-waarde van woningen [x 1 000 euro]', 2025).value).toBe(426);
    expect(
      one(r.values, 'WK059903', 'Bevolking|Bevolking naar herkomst|Geboren buiten Nederland|Buiten Europa [aantal]', 2025).value,
    ).toBe(24855);
    // Sociale zekerheid is '.' in 2025 (not yet published).
    expect(one(r.values, 'GM0599', 'Personen per soort uitkering; Bijstand [aantal]', 2025)).toMatchObject({ value: null, status: 'geheim' });
    expect(codes(r, 'BU', 2025).size).toBe(91);
    expect(sum(r.values, 'BU', INW, 2025)).toBe(672935);
  });
});

describe('Wijk- en buurtkaart', () => {
  it('2024 parquet', async () => {
    const r = await timed('loadWijkbuurtkaart2024', () => loadWijkbuurtkaart2024(dir));
    checkShape(r);
    // SELECT … FROM gemeente_2024_stats.parquet WHERE gemeentecode='GM0599': JA row all -99997, NEE row 670610.
    expect(one(r.values, 'GM0599', 'aantal_inwoners', 2024).value).toBe(670610);
    expect(one(r.values, 'GM0599', 'aantal_personen_met_een_alg_bijstandsuitkering_tot', 2024).value).toBe(33630);
    expect(one(r.values, 'GM0344', 'aantal_inwoners', 2024).value).toBe(374238);
    // buurt parquet: BU05991571 Tarwewijk stadsverwarming -99997, bijstand 740; BU05992308 elektriciteit NULL.
    expect(one(r.values, 'BU05991571', 'percentage_woningen_met_stadsverwarming', 2024)).toMatchObject({ value: null, status: 'geheim' });
    expect(one(r.values, 'BU05991571', 'aantal_personen_met_een_alg_bijstandsuitkering_tot', 2024).value).toBe(740);
    expect(one(r.values, 'BU05992308', 'gemiddelde_elektriciteitslevering', 2024)).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(codes(r, 'BU', 2024).size).toBe(91);
    expect(codes(r, 'WK', 2024).size).toBe(21);
    expect(r.values.every((v) => v.value === null || v.value > -99990)).toBe(true);
  });

  it('2016 DBF', async () => {
    const r = await timed('loadWijkbuurtkaart2016', () => loadWijkbuurtkaart2016(dir));
    checkShape(r);
    // gem_2016.dbf GM0599: AANT_INW 629606, Doorz 20 (ignored); wijk_2016.dbf WK059901: AANT_INW 32925, GEM_HH_GR 1.6.
    expect(one(r.values, 'GM0599', 'AANT_INW', 2016).value).toBe(629606);
    expect(one(r.values, 'WK059901', 'AANT_INW', 2016).value).toBe(32925);
    expect(one(r.values, 'WK059901', 'GEM_HH_GR', 2016).value).toBe(1.6);
    expect(one(r.values, 'WK059926', 'P_MAROKKO', 2016)).toMatchObject({ value: null, status: 'geheim' });
    expect(r.values.some((v) => v.variable === 'Doorz')).toBe(false);
    expect(codes(r, 'WK', 2016).size).toBe(22);
    expect(sum(r.values, 'WK', 'AANT_INW', 2016)).toBe(629570);
  });
});

describe('KWB 2023 population and Politie 2023', () => {
  it('population', async () => {
    const r = await timed('loadPopulation2023', () => loadPopulation2023(dir));
    checkShape(r);
    // '"10565","BU05990110",19400,136'
    expect(one(r.values, 'BU05990110', INW, 2023).value).toBe(19400);
    expect(one(r.values, 'BU05990110', 'Oppervlakte land [ha]', 2023).value).toBe(136);
    expect(sum(r.values, 'BU', INW, 2023)).toBe(663850);
    expect(sum(r.values, 'BU', 'Oppervlakte land [ha]', 2023)).toBe(21843);
  });

  it('politie', async () => {
    const r = await timed('loadPolitie2023', () => loadPolitie2023(dir));
    checkShape(r);
    // awk -F, 'NR>1{s+=$10} END{print s}' → 53654; Stadsdriehoek 3442.
    expect(sum(r.values, 'BU', 'Geregistreerde misdrijven totaal [aantal]', 2023)).toBe(53654);
    expect(one(r.values, 'BU05990110', 'Geregistreerde misdrijven totaal [aantal]', 2023).value).toBe(3442);
    expect(codes(r, 'BU', 2023).size).toBe(91);
  });
});

describe('Regionale kerncijfers (G4 context)', () => {
  it('values by name', async () => {
    const r = await timed('loadGemeenteContext', () => loadGemeenteContext(dir));
    checkShape(r);
    const TOT = 'Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)';
    // grep: '"2025";"Rotterdam";672960;…', '"2025";"\'s-Gravenhage (gemeente)";568945;…', '"2025";"Utrecht (gemeente)";376757;…'
    expect(one(r.values, 'GM0599', TOT, 2025).value).toBe(672960);
    expect(one(r.values, 'GM0518', TOT, 2025).value).toBe(568945);
    expect(one(r.values, 'GM0344', TOT, 2025).value).toBe(376757);
    expect(one(r.values, 'NL', TOT, 2025).value).toBe(18044027);
    expect(one(r.values, 'GM0599', 'Bevolking/Particuliere huishoudens/Particuliere huishoudens/Eenpersoonshuishoudens (aantal)', 2025).value).toBe(169243);
    // Migratieachtergrond is empty for 2025 in every row.
    expect(
      one(r.values, 'GM0363', 'Bevolking/Bevolkingssamenstelling op 1 januari/Migratieachtergrond/Migratieachtergrond/Nederlandse achtergrond (aantal)', 2025),
    ).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(r.areas.map((a) => a.code).sort()).toEqual(['GM0344', 'GM0363', 'GM0518', 'GM0599', 'NL']);
  });
});
