// Boundary changes detected from land area where the source has no Indelingswijziging.
// Fixture values are the real KWB figures of a few Rotterdam buurten (2018 CSV, 2023 extract).
import { describe, expect, it } from 'vitest';
import { AREA_CHANGE_MIN_HA, AREA_CHANGE_SHARE, changesBetween, detectAreaChanges, fillGebiedAreas, isAreaChange, type AreaYear } from '../../../scripts/pipeline/boundary-changes';

const series = (rows: [number, number | null, number | null][]) => new Map<number, AreaYear>(rows.map(([y, ha, inhabitants]) => [y, { ha, inhabitants }]));

const fixture = () =>
  new Map<string, Map<number, AreaYear>>([
    ['BU05991575', series([[2017, 21, 530], [2018, 21, 435], [2023, 86, 1120]])], // Wielewaal: +65 ha
    ['BU05991578', series([[2018, 290, 1280], [2023, 225, 765]])], // Zuiderpark: −65 ha
    ['BU05992308', series([[2018, 3271, 0], [2023, 3371, 5]])], // Maasvlakte: +100 ha = 3,06%
    ['BU05991701', series([[2018, 405, 2360], [2023, 396, 2535]])], // Strand en Duin: −9 ha = 2,2%
    ['BU05990328', series([[2018, 4, 585], [2023, 5, 595]])], // Witte Dorp: +1 ha = 25%, but 1 ha
    ['BU05991086', series([[2017, 47, 8020], [2018, 62, 8715], [2023, 62, 7675]])], // changed 2018 (CBS flag), not since
    ['BU05990113', series([[2018, 41, 975], [2023, null, 1075]])], // no area in 2023: nothing to say
  ]);

describe('detectAreaChanges', () => {
  it('states its threshold: more than 3% and at least 5 ha', () => {
    expect(AREA_CHANGE_SHARE).toBe(0.03);
    expect(AREA_CHANGE_MIN_HA).toBe(5);
    expect(isAreaChange(3271, 3371)).toBe(true);
    expect(isAreaChange(405, 396)).toBe(false);
    expect(isAreaChange(4, 5)).toBe(false);
    expect(isAreaChange(100, 103)).toBe(false); // exactly 3% is not more than 3%
  });

  it('finds the 2018 → 2023 changes in the unflagged year only, with area and inhabitants', () => {
    const found = detectAreaChanges(fixture(), [2023]);
    expect(found.map((c) => [c.area, c.from, c.to, c.haBefore, c.haAfter, c.inhabitantsBefore, c.inhabitantsAfter])).toEqual([
      ['BU05991575', 2018, 2023, 21, 86, 435, 1120],
      ['BU05991578', 2018, 2023, 290, 225, 1280, 765],
      ['BU05992308', 2018, 2023, 3271, 3371, 0, 5],
    ]);
    expect(found.every((c) => c.basis === 'oppervlakte')).toBe(true);
  });

  it('says nothing about years the source flags itself', () => {
    // 2018 has a CBS flag column: Afrikaanderwijk's 47 → 62 ha is CBS's to report, not ours.
    expect(detectAreaChanges(fixture(), [])).toEqual([]);
    expect(detectAreaChanges(fixture(), [2018]).map((c) => c.area)).toEqual(['BU05991086']);
  });
});

describe('fillGebiedAreas', () => {
  it('adds a gebied area as the sum of its wijken where the gebied has none', () => {
    const data = new Map<string, Map<number, AreaYear>>([
      ['WK059904', series([[2018, 1494, 18350]])],
      ['BU05990451', series([[2023, 125, 8060]])],
      ['BU05990454', series([[2023, 570, 335]])],
      ['BU05990455', series([[2023, 557, 4250]])],
      ['BU05990456', series([[2023, 148, 6660]])],
      ['BU05990457', series([[2023, 7, 375]])],
      ['BU05990452', series([[2023, 235, 70]])],
    ]);
    fillGebiedAreas(data);
    // 125 + 570 + 557 + 148 + 7 + 235 = 1642 ha; 8060 + 335 + 4250 + 6660 + 375 + 70 = 19750
    expect(data.get('WK059904')!.get(2023)).toEqual({ ha: 1642, inhabitants: 19750 });
    expect(data.get('WK059904')!.get(2018)).toEqual({ ha: 1494, inhabitants: 18350 });
    expect(detectAreaChanges(data, [2023]).map((c) => c.area)).toEqual(['WK059904']);
  });
  it('adds nothing when a wijk of the gebied has no area that year', () => {
    const data = new Map([['BU05990451', series([[2023, 125, 8060]])], ['BU05990454', series([[2023, null, 335]])]]);
    fillGebiedAreas(data);
    expect(data.get('WK059904')?.get(2023)).toBeUndefined();
  });
});

describe('changesBetween', () => {
  it('returns changes after the previous data year and by this year', () => {
    const c = detectAreaChanges(fixture(), [2023]);
    expect(changesBetween(c, 'BU05991575', 2017, 2024)).toHaveLength(1);
    expect(changesBetween(c, 'BU05991575', 2023, 2024)).toHaveLength(0);
    expect(changesBetween(c, 'BU05991575', 2016, 2017)).toHaveLength(0);
  });
});
