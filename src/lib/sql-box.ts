// The SQL page's safety rules, pure so they are unit-tested: one read-only statement (SELECT, WITH,
// FROM, DESCRIBE, SHOW, SUMMARIZE, VALUES), and a row cap so a huge result cannot freeze the page.

export const ROW_LIMIT = 1000;

/** Removes -- and /* *\/ comments and string/identifier contents, so keywords are found only in code. */
function codeOnly(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += ' ';
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      out += ' ';
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === ch && sql[j + 1] !== ch)) j += sql[j] === ch ? 2 : 1;
      out += `${ch}${ch}`;
      i = j;
    } else out += ch;
  }
  return out;
}

const READ = /^(select|with|from|describe|show|summarize|values|table)\b/i;
const WRITE = /\b(insert|update|delete|create|drop|alter|attach|detach|copy|export|import|install|load|pragma|set|reset|call|checkpoint|vacuum|begin|commit|rollback|use|truncate)\b/i;

/** askEngine: the statement starts with no keyword we know (a typo like SELEC): the page asks
 * DuckDB's parser (EXPLAIN, which never runs the statement) for its own message. */
export type Checked = { ok: true; sql: string; wrappable: boolean } | { ok: false; error: string; askEngine?: boolean; sql?: string };

/** Accepts one read-only statement; returns it without trailing semicolons, or why not. */
export function checkQuery(input: string): Checked {
  const sql = input.trim().replace(/;\s*$/, '').trim();
  const code = codeOnly(sql).trim();
  if (!code) return { ok: false, error: 'Typ een vraag in SQL, bijvoorbeeld SELECT * FROM areas.' };
  if (code.includes(';')) return { ok: false, error: 'Eén opdracht tegelijk: haal de puntkomma tussen de opdrachten weg.' };
  const readOnly = 'Alleen lezen: begin met SELECT, WITH, FROM, DESCRIBE, SHOW of SUMMARIZE.';
  if (!READ.test(code)) return WRITE.test(code.split(/\s/)[0]) ? { ok: false, error: readOnly } : { ok: false, error: readOnly, askEngine: true, sql };
  const w = WRITE.exec(code);
  // WITH/SELECT cannot contain these as keywords except as names; a name can be quoted ("set").
  if (w) return { ok: false, error: `Alleen lezen: "${w[1].toUpperCase()}" is hier niet toegestaan (zet een kolomnaam tussen dubbele aanhalingstekens).` };
  return { ok: true, sql, wrappable: /^(select|with|from|values)\b/i.test(code) };
}

/** The statement as run: SELECT-like queries get a cap one above the limit, to tell "more" apart. */
export function limited(checked: { sql: string; wrappable: boolean }, limit = ROW_LIMIT): string {
  return checked.wrappable ? `SELECT * FROM (\n${checked.sql}\n) AS q LIMIT ${limit + 1}` : checked.sql;
}
