// Plot's SVG written compactly, for charts repeated many times on one page (the wijk page has ~60
// trend panels). Same picture, fewer bytes and DOM nodes: an axis's tick marks or grid lines (one
// element each, placed by transform) become one path; tick labels get x/y instead of transforms and
// empty ones go; a colour or width shared by every mark in a group is written once on the group;
// Plot's <style> block is left out (the page carries class "chart-lite" once). Build and browser
// alike: works on any DOM (linkedom at build time).

/** Presentation attributes that children inherit, so a value shared by all can sit on the group. */
const INHERITED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill-opacity'];

const r1 = (n: number) => String(Math.round(n * 10) / 10);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;');

type Attrs = [string, string][];

function attrsOf(el: Element): Attrs {
  return [...el.attributes].map((a) => [a.name, a.value]);
}

function open(tag: string, attrs: Attrs): string {
  return `<${tag}${attrs.map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('')}`;
}

/** translate(a,b) or translate(a b) → [a, b]; null for anything else. */
function translate(t: string | null): [number, number] | null {
  const m = t?.match(/^translate\(\s*(-?[\d.]+)[ ,]\s*(-?[\d.]+)\s*\)$/);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** A tick's path "M0,0L dx,dy": its relative end, else null. */
function tickDelta(d: string | null): [number, number] | null {
  const m = d?.match(/^M0,0L(-?[\d.]+),(-?[\d.]+)$/);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Relative step as the shortest command. */
function rel(dx: number, dy: number): string {
  return dy === 0 ? `h${r1(dx)}` : dx === 0 ? `v${r1(dy)}` : `l${r1(dx)},${r1(dy)}`;
}

function serializeChildren(el: Element, opts: CompactOptions): string {
  return [...el.childNodes].map((n) => serialize(n, opts)).join('');
}

function element(tag: string, attrs: Attrs, inner: string): string {
  return inner ? `${open(tag, attrs)}>${inner}</${tag}>` : `${open(tag, attrs)}/>`;
}

/** A group whose children are all of one tag. */
function only(g: Element, tag: string): Element[] | null {
  const kids = [...g.children];
  return kids.length && kids.every((k) => k.tagName.toLowerCase() === tag) ? kids : null;
}

function compactGroup(g: Element, opts: CompactOptions): string {
  const attrs = attrsOf(g);
  // Grid lines: one path.
  const lines = only(g, 'line');
  if (lines) {
    const d = lines.map((l) => {
      const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(l.getAttribute(a) ?? 0));
      return `M${r1(x1)},${r1(y1)}${rel(x2 - x1, y2 - y1)}`;
    }).join('');
    return element('path', [...attrs, ['d', d]], '');
  }
  // Tick marks: paths "M0,0L…" placed by translate → one path.
  const paths = only(g, 'path');
  if (paths && paths.every((p) => translate(p.getAttribute('transform')) && tickDelta(p.getAttribute('d')) && p.attributes.length === 2)) {
    const d = paths.map((p) => {
      const [x, y] = translate(p.getAttribute('transform'))!;
      const [dx, dy] = tickDelta(p.getAttribute('d'))!;
      return `M${r1(x)},${r1(y)}${rel(dx, dy)}`;
    }).join('');
    return element('path', [...attrs, ['d', d]], '');
  }
  // Tick labels: the group's and each text's translate folded into x/y; empty labels left out.
  const texts = only(g, 'text');
  const gt = translate(g.getAttribute('transform')) ?? (g.hasAttribute('transform') ? null : [0, 0]);
  if (texts && gt && texts.every((t) => translate(t.getAttribute('transform')) && !t.hasAttribute('x') && !t.children.length)) {
    const inner = texts
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .map((t) => {
        const [x, y] = translate(t.getAttribute('transform'))!;
        const dy = t.getAttribute('y');
        const rest = attrsOf(t).filter(([k]) => k !== 'transform' && k !== 'y');
        return element('text', [['x', r1(x + gt[0])], ['y', r1(y + gt[1])], ...(dy ? [['dy', dy] as [string, string]] : []), ...rest], esc(t.textContent ?? ''));
      })
      .join('');
    return element('g', attrs.filter(([k]) => k !== 'transform'), inner);
  }
  // Marks: attributes every child shares move to the group; lone-point line paths ("Mx,yZ",
  // drawn as nothing but a round cap under the point's own dot) are left out when asked.
  let kids = [...g.children];
  if (opts.dropLonePoints && paths) kids = kids.filter((p) => !/^M[^LHVCSQTA]*Z$/i.test(p.getAttribute('d') ?? ''));
  // A mark group left empty (a series of lone points) has nothing to draw.
  if (!kids.length && g.children.length) return '';
  const hoisted: Attrs = [];
  {
    for (const name of INHERITED) {
      const v = kids[0]?.getAttribute(name);
      if (v != null && !g.hasAttribute(name) && kids.every((k) => k.getAttribute(name) === v)) hoisted.push([name, v]);
    }
  }
  const skip = new Set(hoisted.map(([k]) => k));
  const inner = kids.map((k) => element(k.tagName.toLowerCase(), attrsOf(k).filter(([n]) => !skip.has(n)), serializeChildren(k, opts))).join('');
  return element('g', [...attrs, ...hoisted], inner);
}

function serialize(n: Node, opts: CompactOptions): string {
  if (n.nodeType === 3) return esc(n.textContent ?? '');
  if (n.nodeType !== 1) return '';
  const el = n as Element;
  const tag = el.tagName.toLowerCase();
  if (tag === 'style') return '';
  if (tag === 'g') return compactGroup(el, opts);
  return element(tag, attrsOf(el), serializeChildren(el, opts));
}

export interface CompactOptions {
  /** Leave out line paths of a single point (the dot shows it). */
  dropLonePoints?: boolean;
}

/** Plot's <svg> as compact markup (see top of file). */
export function compactSvg(svg: Element, opts: CompactOptions = {}): string {
  const attrs = attrsOf(svg).map(([k, v]): [string, string] => (k === 'class' && /^plot-[0-9a-f]+$/.test(v) ? [k, 'chart-lite'] : [k, v]));
  return element('svg', attrs, serializeChildren(svg, opts));
}
