// What a downloaded chart carries: the sources of its indicators once each, and escaped attributes.
import { describe, expect, it } from 'vitest';
import { figureAttrs, sourcesOf } from '../../../../src/lib/render/figure-meta';

describe('figure meta', () => {
  it('names each source and year once (two KWB 2017 indicators are one table, 83765NED)', () => {
    expect(sourcesOf([{ id: 'bijstand', year: 2017 }, { id: 'laag_inkomen', year: 2017 }])).toBe('Bron: CBS, Kerncijfers wijken en buurten 2017 (83765NED)');
    expect(sourcesOf([{ id: 'bijstand', year: 2014 }, { id: 'bijstand', year: 2017 }])).toBe(
      'Bron: CBS, Kerncijfers wijken en buurten 2014 (82931NED); CBS, Kerncijfers wijken en buurten 2017 (83765NED)',
    );
    expect(sourcesOf([{ id: 'bijstand', year: 1990 }])).toBe('');
  });

  it('writes data-fig-* attributes, escaped, and leaves out empty ones', () => {
    expect(String(figureAttrs({ title: 'A "B" & <C>', unit: '', source: 'Bron: X', year: '2017' }))).toBe(
      ' data-fig-title="A &quot;B&quot; &amp; &lt;C&gt;" data-fig-source="Bron: X" data-fig-year="2017"',
    );
  });
});
