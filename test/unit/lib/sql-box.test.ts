import { describe, expect, it } from 'vitest';
import { checkQuery, limited } from '../../../src/lib/sql-box';

const ok = (s: string) => checkQuery(s).ok;

describe('SQL box: one read-only statement', () => {
  it('accepts SELECT, WITH, FROM, DESCRIBE, SHOW and SUMMARIZE, with a trailing semicolon and comments', () => {
    expect(ok('SELECT 1;')).toBe(true);
    expect(ok('-- the top ten\nWITH t AS (SELECT 1 AS x) SELECT * FROM t')).toBe(true);
    expect(ok('FROM areas')).toBe(true);
    expect(ok('describe observations')).toBe(true);
    expect(ok('SHOW TABLES')).toBe(true);
    expect(ok('SUMMARIZE scores')).toBe(true);
  });
  it('rejects writes, settings, extensions and a second statement', () => {
    for (const s of ['DROP TABLE areas', 'SELECT 1; DROP TABLE areas', 'CREATE TABLE x AS SELECT 1', 'INSTALL httpfs', 'COPY areas TO \'x.csv\'', 'PRAGMA version', 'SET threads = 1', 'WITH t AS (SELECT 1) INSERT INTO areas SELECT * FROM t', 'ATTACH \'x.db\'']) {
      const r = checkQuery(s);
      expect(r.ok, s).toBe(false);
    }
    expect(checkQuery('SELECT 1; DROP TABLE areas')).toMatchObject({ error: expect.stringMatching(/Eén opdracht/) });
  });
  it('finds keywords only in code, not in strings or comments', () => {
    expect(ok("SELECT * FROM areas WHERE name = 'Drop; Set'")).toBe(true);
    expect(ok('SELECT 1 -- ; drop table\n')).toBe(true);
    expect(ok('SELECT "set" FROM (SELECT 1 AS "set")')).toBe(true);
  });
  it('a misspelt first word goes to the engine parser for its message; a write keyword does not', () => {
    expect(checkQuery('SELEC 1')).toMatchObject({ ok: false, askEngine: true, sql: 'SELEC 1', error: expect.stringMatching(/Alleen lezen/) });
    expect(checkQuery('DELETE FROM areas')).not.toHaveProperty('askEngine');
    expect(checkQuery('   ')).toMatchObject({ ok: false });
  });
  it('caps SELECT-like queries one above the limit, and leaves DESCRIBE alone', () => {
    const c = checkQuery('SELECT * FROM observations;');
    if (!c.ok) throw new Error(c.error);
    expect(limited(c, 1000)).toBe('SELECT * FROM (\nSELECT * FROM observations\n) AS q LIMIT 1001');
    const d = checkQuery('DESCRIBE areas');
    if (!d.ok) throw new Error(d.error);
    expect(limited(d)).toBe('DESCRIBE areas');
  });
});
