// Console errors with their source URL, so the tests can tell the known missing-favicon 404
// (the site now links a favicon, see wijk-page.test.ts) from real errors of the page's own code.
import type { Page } from 'playwright-core';

export interface ConsoleError {
  text: string;
  url: string;
}

export function consoleErrors(page: Page): { all: ConsoleError[]; real: () => string[] } {
  const all: ConsoleError[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') all.push({ text: m.text(), url: m.location().url });
  });
  page.on('pageerror', (e) => all.push({ text: String(e), url: '' }));
  return {
    all,
    /** Every error except Chromium's automatic /favicon.ico request answered with 404. */
    real: () => all.filter((e) => !/\/favicon\.ico$/.test(e.url)).map((e) => `${e.text} ${e.url}`.trim()),
  };
}
