// Making and removing the namespaces of topology.ts with `ip`. What a run
// makes it removes, when it ends, fails or is interrupted; what an earlier
// run left (it was killed) is removed before anything is made.
import { execFileSync } from 'node:child_process';
import { undoOnExit } from '../children.js';
import { UserError } from '../cli.js';
import { EVERY_BEHIND, namespaceSetup, namespacesOf, namespaceTeardown } from './topology.js';

const ip = (args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function teardown(behind: readonly string[]): void {
  for (const args of namespaceTeardown(behind)) {
    try {
      ip(args);
    } catch {
      // Gone already.
    }
  }
}

/** Namespaces need root; the loopback layout does not. */
export function requireRoot(command: string): void {
  if (process.getuid?.() === 0) return;
  throw new UserError(
    `${command} makes network namespaces, which needs root: run it as root (sudo -E ${command}), ` +
      `or add --loopback to run both pods on this machine's loopback, where the hop between them costs nothing`,
  );
}

export interface MadeNamespaces {
  /** Why none were made, when none were: the run goes on loopback. */
  loopback?: string;
  /** Removes what was made; nothing for loopback. */
  remove: () => void;
}

/** The frontend's namespace and those `behind` it made, or the reason they cannot be. */
export function makeNamespaces(behind: readonly string[]): MadeNamespaces {
  const names = namespacesOf(behind);
  const listed = (() => {
    try {
      return ip(['netns', 'list']);
    } catch (error) {
      return error as Error;
    }
  })();
  if (listed instanceof Error) {
    return { loopback: `\`ip netns list\` failed: ${listed.message.trim()}`, remove: () => {} };
  }
  const left = namespacesOf(EVERY_BEHIND).filter((ns) => new RegExp(`^${ns}(\\s|$)`, 'm').test(listed));
  if (left.length > 0) {
    // A run killed outright leaves its servers running in them too.
    const pids = left.flatMap((ns) => ip(['netns', 'pids', ns]).split('\n').filter(Boolean).map(Number));
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    teardown(EVERY_BEHIND);
    console.log(
      `Removed network namespaces an earlier run left: ${left.join(', ')}${pids.length ? `, and the ${pids.length} processes in them` : ''}`,
    );
  }
  const forget = undoOnExit(() => teardown(behind));
  for (const args of namespaceSetup(behind)) {
    try {
      ip(args);
    } catch (error) {
      teardown(behind);
      forget();
      const stderr = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
      return { loopback: `\`ip ${args.join(' ')}\` failed: ${stderr}`, remove: () => {} };
    }
  }
  console.log(`Made network namespaces ${names.join(', ')}, joined by veth pairs`);
  return {
    remove: () => {
      teardown(behind);
      forget();
      console.log(`Removed network namespaces ${names.join(', ')}`);
    },
  };
}
