// Chart data carried in a page as inline JSON (#spread-data, #verloop-data), for redrawing a chart
// at a phone's width without DuckDB (src/client/redraw.ts).

/** Eight significant digits: every shown value and pixel stays the same, and the JSON is a third
 * shorter than with a double's seventeen. */
export const short = (v: number | null) => (v === null ? null : Number(v.toPrecision(8)));

/** JSON safe inside an inline <script>: no "</script>" can end it early. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The fields of an indicator row as carried in the page (#jaren-data), after `indicator`. */
const STAT_FIELDS = ['year', 'value', 'status', 'note', 'source', 'city', 'score', 'rank', 'peers'] as const;

/** Rows without any figure (`year` null) are left out and come back as such. */
interface StatLike {
  indicator: string;
  year: number | null;
}

/**
 * Every year choice's indicator rows for the page (#jaren-data): the indicator ids once, then per
 * choice one array per id, `0` for a row without figures. Two fifths of the plain JSON, same values.
 */
export function packStats<T extends StatLike>(byChoice: Map<string, T[]>): string {
  const ids = [...new Set([...byChoice.values()].flatMap((rows) => rows.map((r) => r.indicator)))];
  const choices: Record<string, unknown[]> = {};
  for (const [key, rows] of byChoice) {
    const byId = new Map(rows.map((r) => [r.indicator, r]));
    choices[key] = ids.map((id) => {
      const r = byId.get(id) as Record<string, unknown> | undefined;
      return r && r.year !== null ? STAT_FIELDS.map((f) => r[f] ?? null) : 0;
    });
  }
  return scriptJson({ fields: STAT_FIELDS, ids, choices });
}

/** The inverse of packStats: per choice key the rows as the queries return them. */
export function unpackStats<T extends StatLike>(text: string): Map<string, T[]> {
  const j = JSON.parse(text) as { fields: string[]; ids: string[]; choices: Record<string, (unknown[] | 0)[]> };
  const out = new Map<string, T[]>();
  for (const [key, rows] of Object.entries(j.choices)) {
    out.set(
      key,
      rows.map((r, i) => Object.fromEntries([['indicator', j.ids[i]], ...j.fields.map((f, k) => [f, r === 0 ? null : (r[k] ?? null)])]) as T),
    );
  }
  return out;
}
