// The data build's own findings in a form the method page and the build log can show: which
// figures are sums of wijken, which boundary changes apply, which values stand out.
import type { Catalogue } from '../../src/lib/catalogue';
import type { Area } from '../../src/lib/model';
import type { DerivedSummary } from '../../src/lib/method';
import { SUMMED_NOTE, SUMMED_RATE_NOTE } from '../../src/lib/notes';
import { formatInteger } from '../../src/lib/format';
import { AREA_CHANGE_MIN_HA, AREA_CHANGE_SHARE } from './boundary-changes';
import type { DeriveReport } from './derive';
import { ODD_COUNT_FACTOR, ODD_FENCE, ODD_JUMP } from './odd-values';

export function derivedSummary(cat: Catalogue, d: DeriveReport, areas: Map<string, Area>): DerivedSummary {
  const name = (code: string) => areas.get(code)?.name ?? code;
  const label = (id: string) => cat.indicators.find((i) => i.id === id)?.label ?? id;
  const summed = new Map<string, DerivedSummary['summed'][number]>();
  for (const o of d.observations) {
    if (!o.note || !(o.note.startsWith(SUMMED_NOTE) || o.note.startsWith(SUMMED_RATE_NOTE))) continue;
    const level = areas.get(o.area)?.level;
    if (level !== 'gebied' && level !== 'gemeente') continue;
    const k = `${o.indicator}|${o.year}`;
    const s = summed.get(k) ?? summed.set(k, { indicator: o.indicator, label: label(o.indicator), year: o.year, areas: [], city: false }).get(k)!;
    if (level === 'gemeente') s.city = true;
    else s.areas.push(name(o.area));
  }
  return {
    rules: { areaChangeShare: AREA_CHANGE_SHARE, areaChangeMinHa: AREA_CHANGE_MIN_HA, oddFence: ODD_FENCE, oddJump: ODD_JUMP, oddCountFactor: ODD_COUNT_FACTOR, minCount: cat.minInwoners },
    boundaryChanges: d.boundaryChanges.map((c) => ({ ...c, name: name(c.area) })),
    oddValues: d.oddValues.map((v) => ({ area: v.area, name: name(v.area), indicator: v.indicator, label: label(v.indicator), year: v.year, reason: v.reason })),
    summed: [...summed.values()].map((s) => ({ ...s, areas: s.areas.sort() })).sort((a, b) => a.year - b.year || a.indicator.localeCompare(b.indicator)),
  };
}

const ha = (x: number | null) => (x === null ? '?' : formatInteger(x));

export function logDerived(s: DerivedSummary, log: (line: string) => void): void {
  const detected = s.boundaryChanges.filter((c) => c.basis === 'oppervlakte');
  log(`Grenswijzigingen zonder CBS-melding, uit de landoppervlakte (> ${s.rules.areaChangeShare * 100}% en ≥ ${s.rules.areaChangeMinHa} ha): ${detected.length}`);
  for (const c of detected) {
    log(`  ${c.area} ${c.name.padEnd(26)} ${c.from}→${c.to}: ${ha(c.haBefore)} → ${ha(c.haAfter)} ha, inwoners ${ha(c.inhabitantsBefore)} → ${ha(c.inhabitantsAfter)}`);
  }
  log(`Grenswijzigingen met CBS-melding (Indelingswijziging 3): ${s.boundaryChanges.length - detected.length}`);
  log(`Opvallende waarden (zo gepubliceerd door de bron): ${s.oddValues.length}`);
  for (const v of s.oddValues) log(`  ${v.area} ${v.name.padEnd(20)} ${v.label} ${v.year}: ${v.reason}`);
  log('Cijfers die een som van wijken zijn (geen bronwaarde):');
  for (const x of s.summed) log(`  ${x.year} ${x.label}: ${x.city ? 'Rotterdam en ' : ''}${x.areas.length} gebieden`);
}
