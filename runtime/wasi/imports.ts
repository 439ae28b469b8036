// The import map: every WASI interface the runtime provides, by the
// unversioned name jco's bindings ask for, set up for one instance.
import {
  environment,
  exit,
  stderr,
  stdin,
  stdout,
  TerminalInput,
  TerminalOutput,
  terminalStderr,
  terminalStdin,
  terminalStdout,
} from './cli.js';
import { monotonicClock, wallClock, type WallClock } from './clocks.js';
import { configStore } from './config.js';
import { filesystemTypes, preopens } from './filesystem.js';
import { httpTypes, outgoingHandler, type Outbound } from './http.js';
import type { AsyncOutbound } from './http-p3.js';
import { InputStream, IoError, OutputStream, Pollable, poll, type Sink } from './io.js';
import { insecure, insecureSeed, random } from './random.js';
import { instanceNetwork, ipNameLookup, network, tcp, tcpCreateSocket, udp, udpCreateSocket } from './sockets.js';
import { unversioned } from '../component/interface-names.js';
import { type KeyValueAccess, keyValueAtomics, keyValueBatch, keyValueStore } from '../key-value/host.js';

/** Interface name (unversioned, as jco's bindings ask for it) to its implementation. */
export type Imports = Record<string, object>;

/** What the host gives one instance. */
export interface HostOptions {
  /** Spin variables, read through wasi:config/store. */
  variables?: ReadonlyMap<string, string>;
  /** The component's `environment` from the manifest. */
  environment?: ReadonlyMap<string, string>;
  /** The key-value stores the guest may open. Without it, none. */
  keyValue?: KeyValueAccess;
  /** Where the guest's outgoing HTTP requests go. Without it, every one is denied. */
  outbound?: Outbound;
  /** The same for a WASI 0.3 guest, which awaits the answer (wasi:http/client@0.3.0). */
  send?: AsyncOutbound;
  /** The guest's stdout and stderr. */
  stdout?: Sink;
  stderr?: Sink;
  /** The wall clock the guest sees. */
  clock?: WallClock;
  /** Further imports, such as a WIT interface another component exports. */
  imports?: Imports;
}

/** What a guest's outgoing request gets where none may go. */
export const denyAll: Outbound = () => ({ ok: false, error: { tag: 'HTTP-request-denied' } });
const noStores: KeyValueAccess = { labels: new Set(), open: () => undefined };

export function hostImports(options: HostOptions = {}): Imports {
  return {
    'wasi:cli/environment': environment(options.environment ?? new Map()),
    'wasi:cli/exit': exit,
    'wasi:cli/stdin': stdin,
    'wasi:cli/stdout': stdout(options.stdout ?? ((bytes) => process.stdout.write(bytes))),
    'wasi:cli/stderr': stderr(options.stderr ?? ((bytes) => process.stderr.write(bytes))),
    'wasi:cli/terminal-input': { TerminalInput },
    'wasi:cli/terminal-output': { TerminalOutput },
    'wasi:cli/terminal-stdin': terminalStdin,
    'wasi:cli/terminal-stdout': terminalStdout,
    'wasi:cli/terminal-stderr': terminalStderr,
    'wasi:clocks/monotonic-clock': monotonicClock,
    'wasi:clocks/wall-clock': wallClock(options.clock),
    'wasi:config/store': configStore(options.variables ?? new Map()),
    'wasi:filesystem/preopens': preopens,
    'wasi:filesystem/types': filesystemTypes,
    'wasi:http/outgoing-handler': outgoingHandler(options.outbound ?? denyAll),
    'wasi:http/types': httpTypes,
    'wasi:keyvalue/store': keyValueStore(options.keyValue ?? noStores),
    'wasi:keyvalue/atomics': keyValueAtomics,
    'wasi:keyvalue/batch': keyValueBatch,
    'wasi:io/error': { Error: IoError },
    'wasi:io/poll': { Pollable, poll },
    'wasi:io/streams': { InputStream, OutputStream },
    'wasi:random/random': random,
    'wasi:random/insecure': insecure,
    'wasi:random/insecure-seed': insecureSeed,
    'wasi:sockets/instance-network': instanceNetwork,
    'wasi:sockets/ip-name-lookup': ipNameLookup,
    'wasi:sockets/network': network,
    'wasi:sockets/tcp': tcp,
    'wasi:sockets/tcp-create-socket': tcpCreateSocket,
    'wasi:sockets/udp': udp,
    'wasi:sockets/udp-create-socket': udpCreateSocket,
    ...options.imports,
  };
}

/** The interfaces `hostImports` provides, unversioned. */
export const HOSTED_INTERFACES: readonly string[] = Object.keys(hostImports());

/** The WASI 0.3 interfaces a WASI 0.3 guest gets besides (component/async-component.ts). */
const HOSTED_WASI_03: readonly string[] = ['wasi:http/types', 'wasi:http/client', 'wasi:clocks/types'];

const isWasi03 = (name: string): boolean => /^wasi:[^@]+@0\.3\./.test(name);

/** The imports of a component (versioned names) that nothing provides: neither this host nor `provided`. */
export function missingImports(imports: readonly string[], provided: readonly string[] = []): string[] {
  const hosted = (name: string): boolean => (isWasi03(name) ? HOSTED_WASI_03 : HOSTED_INTERFACES).includes(unversioned(name));
  return imports.filter((name) => !hosted(name) && !provided.includes(name));
}
