// Command-line options for the npm scripts, with node:util parseArgs. A wrong option ends the
// process with one Dutch line and the usage (exit code 2), not a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options and positionals of `args` (default: this process's arguments). */
export function commandLine<const O extends Options>(options: O, usage: string, args = process.argv.slice(2)) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const name = /'(-[^' ]*)/.exec(err.message)?.[1] ?? '';
    const what =
      err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `Onbekende optie ${name}` :
      err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? `Optie ${name} mist een waarde of krijgt er een die niet past` :
      `Ongeldige opties (${err.message})`;
    console.error(`${what}. ${usage}`);
    process.exit(2);
  }
}
