// How a command line reports failure: a UserError is something the user can
// act on, printed as one line without a stack trace; anything else is a bug
// and prints in full.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { stopChildren } from './children.js';

export class UserError extends Error {}

/**
 * Runs a script's main, turning a UserError into one line on stderr and exit
 * code 1; whatever processes it started and left running are stopped then.
 */
export function main(body: () => Promise<void>): void {
  body()
    .catch((error: unknown) => {
      if (error instanceof UserError) console.error(`Error: ${error.message}`);
      else console.error(error);
      process.exitCode = 1;
    })
    .finally(stopChildren);
}

/** The command line parsed as `config` says; a mistake in it is the user's, told with `usage`. */
export function parseCommandLine<const T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${usage}`);
  }
}
