import { describe, expect, it } from 'vitest';
import { html, raw } from '../../../src/lib/render/html';

describe('html', () => {
  it('escapes text and attribute values', () => {
    expect(String(html`<td title="${'a "b" <c>'}">${"x & y's"}</td>`)).toBe('<td title="a &quot;b&quot; &lt;c&gt;">x &amp; y&#39;s</td>');
  });
  it('passes nested html, arrays and raw markup through, drops null and false', () => {
    expect(String(html`<ul>${['a', '<b>'].map((x) => html`<li>${x}</li>`)}${null}${false}${raw('<svg></svg>')}</ul>`)).toBe(
      '<ul><li>a</li><li>&lt;b&gt;</li><svg></svg></ul>',
    );
  });
});
