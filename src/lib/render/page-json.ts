// Chart data carried in a page as inline JSON (#spread-data, #verloop-data), for redrawing a chart
// at a phone's width without DuckDB (src/client/redraw.ts).

/** Eight significant digits: every shown value and pixel stays the same, and the JSON is a third
 * shorter than with a double's seventeen. */
export const short = (v: number | null) => (v === null ? null : Number(v.toPrecision(8)));

/** JSON safe inside an inline <script>: no "</script>" can end it early. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
