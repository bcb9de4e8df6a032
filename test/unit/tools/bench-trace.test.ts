import { describe, expect, it } from 'vitest';
import { summariseEvents } from '../../../scripts/tools/bench/trace';
import { limitPageHtml, pairedRatio } from '../../../scripts/tools/bench/limit';
import { totalBlockingTime } from '../../../scripts/tools/bench/vitals';

const X = (name: string, ts: number, dur: number) => ({ name, ph: 'X', ts: ts * 1000, dur: dur * 1000, pid: 1, tid: 1 });

describe('summariseEvents', () => {
  it('counts self time per kind: nested work is taken out of its parent', () => {
    // A 100 ms task: 30 ms parse holding 10 ms layout; 40 ms script holding 5 ms forced style.
    const s = summariseEvents([
      X('RunTask', 0, 100),
      X('ParseHTML', 0, 30),
      X('Layout', 10, 10),
      X('v8.evaluateModule', 40, 40),
      X('UpdateLayoutTree', 50, 5),
      X('Paint', 90, 5),
    ]);
    expect(s.ms).toEqual({ parse: 20, style: 5, layout: 10, script: 35, paint: 5, other: 25 });
    expect(s.forced).toBe(5);
    expect(s.longTasks).toBe(1);
  });

  it('gives unnamed children the kind of the nearest known ancestor', () => {
    const s = summariseEvents([X('v8.evaluateModule', 0, 60), X('SomethingNew', 10, 20)]);
    expect(s.ms.script).toBe(60);
    expect(s.ms.other).toBe(0);
    expect(s.longTasks).toBe(1);
  });
});

describe('totalBlockingTime', () => {
  it('sums the time beyond 50 ms of tasks that start at or after FCP', () => {
    expect(totalBlockingTime([[10, 200], [300, 70], [400, 50], [500, 120.5]], 100)).toBeCloseTo(20 + 0 + 70.5, 10);
  });
});

describe('limitPageHtml', () => {
  it('is one SVG of the given box, marked as first chart, without scripts or styles', () => {
    const html = limitPageHtml({ width: 812, height: 301, nodes: 90 });
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).toContain('width="812" height="301"');
    expect(html).toContain('data-first-chart');
    expect(html).not.toMatch(/<script|<link|<style/);
    expect(html.match(/<rect/g)).toHaveLength(45);
  });
});

describe('pairedRatio', () => {
  it('is the median of the per-run ratios, not the ratio of medians', () => {
    // Ratios 1,5; 2; 1 → median 1,5 (the ratio of medians would be 300/200 = 1,5 too, so a 4th pair tells them apart).
    expect(pairedRatio([[300, 200], [500, 250], [100, 100]])).toBe(1.5);
    expect(pairedRatio([[300, 200], [500, 250], [100, 100], [900, 300]])).toBe(1.75);
    expect(pairedRatio([])).toBeNaN();
  });
});
