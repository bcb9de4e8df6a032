import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFiles, missingFiles, namePattern, yearInName } from '../../../../scripts/pipeline/sources/files.ts';
import { errorOf } from './expect-source-error.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
fs.mkdirSync(path.join(dir, 'map/sub'), { recursive: true });
for (const f of ['a_2014.csv', 'a_2015.csv', 'a_2015.csv.bak', 'b.xlsx', 'sub/gemeente 2018 si.csv']) fs.writeFileSync(path.join(dir, 'map', f), '');

describe('yearInName', () => {
  it('takes the one four-digit year, not digits inside a longer number', () => {
    expect(yearInName('x/Kerncijfers_wijken_en_buurten_2016.csv')).toBe(2016);
    expect(yearInName('x/Population85618_2023_Rotterdam.csv')).toBe(2023);
    expect(yearInName('x/Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv')).toBe(2024);
    expect(yearInName('x/WijkEenzaamheid2016.csv')).toBe(2016);
    expect(yearInName('leefbaarometer_2016')).toBe(2016);
  });

  it('refuses a name without a year or with two', () => {
    expect(errorOf(() => yearInName('map/b.xlsx')).message).toBe('map/b.xlsx: bestandsnaam noemt geen jaar');
    expect(errorOf(() => yearInName('map/a_2014_2015.csv')).message).toBe('map/a_2014_2015.csv: bestandsnaam noemt meer dan één jaar: 2014, 2015');
  });
});

describe('findFiles', () => {
  it('expands * within the last segment, sorted, as paths relative to the source folder', () => {
    expect(namePattern('a_*.csv').test('a_2014.csv.bak')).toBe(false);
    expect(findFiles(dir, 'map', 'a_*.csv')).toEqual(['map/a_2014.csv', 'map/a_2015.csv']);
    expect(findFiles(dir, 'map', 'sub/gemeente * *.csv')).toEqual(['map/sub/gemeente 2018 si.csv']);
    expect(findFiles(dir, 'map', 'b.xlsx')).toEqual(['map/b.xlsx']);
  });

  it('names what it does not find', () => {
    expect(errorOf(() => findFiles(dir, 'map', 'c.xlsx')).message).toBe('map/c.xlsx: bestand ontbreekt');
    expect(errorOf(() => findFiles(dir, 'map', '*.parquet')).message).toBe('map: geen bestand dat past op "*.parquet"');
    expect(missingFiles(dir, 'map', ['b.xlsx', '*.parquet', 'a_*.csv'])).toEqual(['map/*.parquet']);
  });
});
