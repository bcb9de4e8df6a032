// Helper for the CBS loader tests: assert that a call throws a SourceError naming file, row and column.
import { expect } from 'vitest';
import { SourceError } from '../../../../scripts/pipeline/sources/types.ts';

export interface Where {
  file: string;
  row?: number;
  column?: string;
  detail?: RegExp;
}

function check(e: unknown, where: Where): void {
  expect(e).toBeInstanceOf(SourceError);
  const err = e as SourceError;
  expect(err.file).toBe(where.file);
  expect(err.message).toContain(where.file);
  if (where.row !== undefined) {
    expect(err.row).toBe(where.row);
    expect(err.message).toContain(`rij ${where.row}`);
  }
  if (where.column !== undefined) {
    expect(err.column).toBe(where.column);
    expect(err.message).toContain(`kolom "${where.column}"`);
  }
  if (where.detail) expect(err.detail).toMatch(where.detail);
}

export function expectSourceError(fn: () => unknown, where: Where): SourceError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error(`expected a SourceError for ${where.file}, nothing was thrown`);
  check(thrown, where);
  return thrown as SourceError;
}

export async function expectSourceErrorAsync(fn: () => Promise<unknown>, where: Where): Promise<SourceError> {
  let thrown: unknown;
  try {
    await fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error(`expected a SourceError for ${where.file}, nothing was thrown`);
  check(thrown, where);
  return thrown as SourceError;
}

/** The SourceError a call throws, for tests that inspect it further. */
export function errorOf(fn: () => unknown): SourceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return e as SourceError;
  }
  throw new Error('expected a SourceError');
}
