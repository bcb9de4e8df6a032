import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompleteness, completenessProblems, expectIndeling, INDELING_FILE, indelingOf } from '../../../scripts/pipeline/completeness';

// The reference read directly, not through the module under test.
const raw = JSON.parse(fs.readFileSync(INDELING_FILE, 'utf8')) as { indelingen: { jaren: number[]; gebieden: Record<string, string>; wijken: Record<string, string> }[] };

describe('data/cbs-indeling.json', () => {
  it('has the counts PROVENANCE verified: 22 gebieden/92 wijken (2014–2020), 21/91 (2023–2025)', () => {
    // Per year, so a later year (a block or a year added) leaves this as it is.
    const counts = (year: number) => {
      const i = raw.indelingen.filter((x) => x.jaren.includes(year));
      expect(i, `indelingen met ${year}`).toHaveLength(1);
      return [Object.keys(i[0]!.gebieden).length, Object.keys(i[0]!.wijken).length];
    };
    for (const y of [2014, 2015, 2016, 2017, 2018, 2020]) expect(counts(y), String(y)).toEqual([22, 92]);
    for (const y of [2023, 2024, 2025]) expect(counts(y), String(y)).toEqual([21, 91]);
  });

  it('every wijk lies in a gebied of the same indeling, and every gebied has a wijk', () => {
    for (const i of raw.indelingen) {
      const parents = new Set(Object.keys(i.wijken).map((w) => `WK${w.slice(2, 8)}`));
      expect([...parents].sort()).toEqual(Object.keys(i.gebieden).sort());
    }
  });

  it('knows no indeling for a year without files (2019)', () => {
    expect(indelingOf(2019)).toBeUndefined();
    expect(() => expectIndeling('x.csv', 2019, [], ['wijken'])).toThrow(/x\.csv: de CBS-indeling van 2019 staat niet in data\/cbs-indeling\.json/);
  });
});

describe('completeness check', () => {
  const of2023 = raw.indelingen.find((i) => i.jaren.includes(2023))!;
  const all2023 = Object.keys(of2023.wijken);

  it('a complete file passes', () => {
    expect(completenessProblems(expectIndeling('p.csv', 2023, all2023, ['wijken']))).toEqual([]);
  });

  it('names the file and every missing code with its name', () => {
    const found = all2023.filter((c) => c !== 'BU05990110' && c !== 'BU05992705');
    const problems = completenessProblems(expectIndeling('p.csv', 2023, found, ['wijken']));
    expect(problems).toEqual([
      `p.csv: ontbreekt: BU05990110 (${of2023.wijken.BU05990110}), BU05992705 (${of2023.wijken.BU05992705}) (2 van de 91 volgens CBS-indeling 2023)`,
    ]);
  });

  it('lists at most 30 codes and counts the rest', () => {
    const problems = completenessProblems(expectIndeling('p.csv', 2023, all2023.slice(0, 40), ['wijken']));
    expect(problems[0]).toMatch(/ en nog 21 \(51 van de 91 volgens CBS-indeling 2023\)$/);
    expect(problems[0]!.match(/BU0599\d{4}/g)).toHaveLength(30);
  });

  it('refuses Rotterdam codes of another indeling', () => {
    const problems = completenessProblems(expectIndeling('k.csv', 2024, [...all2023, 'BU05992650'], ['wijken']));
    expect(problems).toEqual(['k.csv: codes die niet in de CBS-indeling 2024 staan: BU05992650 (bestand van een andere indeling?)']);
  });

  it('one error for all incomplete files', () => {
    const a = expectIndeling('a.csv', 2023, all2023.slice(1), ['wijken']);
    const b = expectIndeling('b.csv', 2016, [], ['gebieden'], ['GM0599']);
    expect(() => checkCompleteness([a, b])).toThrow(/^Onvolledige bronbestanden:\n {2}a\.csv: ontbreekt: BU05990110 .*\n {2}b\.csv: ontbreekt: GM0599 \(Rotterdam\), WK059901 .*\(23 van de 23 volgens CBS-indeling 2016\)$/);
  });
});
