// Making and removing the namespaces of topology.ts with `ip`. What a run
// makes it removes, when it ends, fails or is interrupted; what an earlier
// run left (it was killed) is removed before anything is made.
import { execFileSync } from 'node:child_process';
import { undoOnExit } from '../children.js';
import { UserError } from '../cli.js';
import { loopbackTopology, NAMESPACE_TOPOLOGY, NAMESPACES, namespaceSetup, namespaceTeardown, type Topology } from './topology.js';

const ip = (args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function teardown(): void {
  for (const args of namespaceTeardown()) {
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

export interface MadeTopology {
  topology: Topology;
  /** Removes what was made; nothing for loopback. */
  remove: () => void;
}

/** The namespaces made, or loopback with the reason when they cannot be. */
export function makeNamespaces(): MadeTopology {
  const listed = (() => {
    try {
      return ip(['netns', 'list']);
    } catch (error) {
      return error as Error;
    }
  })();
  if (listed instanceof Error) {
    return { topology: loopbackTopology(`\`ip netns list\` failed: ${listed.message.trim()}`), remove: () => {} };
  }
  const left = NAMESPACES.filter((ns) => new RegExp(`^${ns}\\b`, 'm').test(listed));
  if (left.length > 0) {
    // A run killed outright leaves its servers running in them too.
    const pids = left.flatMap((ns) => ip(['netns', 'pids', ns]).split('\n').filter(Boolean).map(Number));
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    teardown();
    console.log(
      `Removed network namespaces an earlier run left: ${left.join(', ')}${pids.length ? `, and the ${pids.length} processes in them` : ''}`,
    );
  }
  const forget = undoOnExit(teardown);
  for (const args of namespaceSetup()) {
    try {
      ip(args);
    } catch (error) {
      teardown();
      forget();
      const stderr = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
      return { topology: loopbackTopology(`\`ip ${args.join(' ')}\` failed: ${stderr}`), remove: () => {} };
    }
  }
  console.log(`Made network namespaces ${NAMESPACES.join(' and ')}, joined by veth pairs`);
  return {
    topology: NAMESPACE_TOPOLOGY,
    remove: () => {
      teardown();
      forget();
      console.log(`Removed network namespaces ${NAMESPACES.join(' and ')}`);
    },
  };
}
