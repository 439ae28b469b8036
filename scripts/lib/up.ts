// `npm run up`: serve a Spin manifest with the local runtime, the way
// `spin up` would, and stop cleanly on Ctrl-C or SIGTERM.
import { dirname, join, relative, resolve } from 'node:path';
import {
  DEFAULT_LABEL,
  DEFAULT_LIMITS,
  describeStore,
  limitsFromEnvironment,
  loadApp,
  loadRuntimeConfig,
  positiveInteger,
  serveApp,
  StartupError,
  type App,
  type Limits,
  type RunningApp,
  type RuntimeConfig,
} from '../../runtime/index.js';
import { parseCommandLine, UserError } from './cli.js';
import { isWiring, manifestOf, WIRING_NAMES } from './project.js';
import { ensureTool, WAC } from './tools.js';

export interface UpArgs {
  manifest: string;
  host: string;
  port: number;
  /** Only these components, as `spin up --component-id`; all when empty. */
  componentIds: string[];
  /** `--request-timeout`, as Spin takes it (Spin 4.1 applies it to WASIp3 components only). */
  requestTimeoutMs?: number;
  /** `--shutdown-grace`: how long requests in flight may take to finish on SIGINT or SIGTERM. */
  shutdownGraceMs?: number;
  /** `--worker-idle-timeout`: how long a worker may stay idle before it is retired or renewed. */
  workerIdleMs?: number;
  /**
   * `--max-instance-memory`, `--max-chain-depth` and WASI 0.3's reuse (`--max-instance-reuse-count`,
   * `--max-instance-concurrent-reuse-count`, `--idle-instance-timeout`), over what Spin's environment
   * variables say (runtime/executor/limits.ts).
   */
  limits: Partial<Limits>;
  /** `--runtime-config-file` (or RUNTIME_CONFIG_FILE, as Spin reads it), relative to the current directory. */
  runtimeConfigFile?: string;
  /** `--state-dir`, relative to the current directory; empty for none. */
  stateDir?: string;
}

/** A duration as Spin writes one: seconds (`5`, `2.5s`) or milliseconds (`500ms`). */
export function parseDuration(option: string, text: string): number {
  const match = text.match(/^(\d+(?:\.\d+)?)(ms|s)?$/);
  if (!match) throw new UserError(`${option} takes a duration such as 5, 5s or 500ms; "${text}" is not`);
  return Number(match[1]) * (match[2] === 'ms' ? 1 : 1000);
}

const USAGE =
  'usage: npm run up -- [--wiring WIRING | -f spin.toml] [--listen 127.0.0.1:3000] [--component-id ID]... ' +
  '[--request-timeout DURATION] [--shutdown-grace DURATION] [--worker-idle-timeout DURATION] ' +
  '[--max-instance-memory BYTES] [--max-chain-depth N] [--max-instance-reuse-count N] [--max-instance-concurrent-reuse-count N] ' +
  '[--idle-instance-timeout DURATION] [--runtime-config-file FILE] [--state-dir DIR]';

/** What `read` returns; a StartupError it throws is the user's mistake, told as such. */
function told<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof StartupError ? new UserError(error.message) : error;
  }
}

export function parseUpArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): UpArgs {
  const parsed = parseCommandLine(
    {
      args: argv,
      options: {
        wiring: { type: 'string' },
        file: { type: 'string', short: 'f' },
        listen: { type: 'string', default: '127.0.0.1:3000' },
        'component-id': { type: 'string', multiple: true, default: [] },
        'request-timeout': { type: 'string' },
        'shutdown-grace': { type: 'string' },
        'worker-idle-timeout': { type: 'string' },
        'max-instance-memory': { type: 'string' },
        'max-chain-depth': { type: 'string' },
        'max-instance-reuse-count': { type: 'string' },
        'max-instance-concurrent-reuse-count': { type: 'string' },
        'idle-instance-timeout': { type: 'string' },
        'runtime-config-file': { type: 'string' },
        'state-dir': { type: 'string' },
      },
      strict: true,
    },
    USAGE,
  );
  const { wiring, file, listen, 'component-id': componentIds, 'request-timeout': timeout, 'shutdown-grace': grace } = parsed.values;
  const idle = parsed.values['worker-idle-timeout'];
  if (wiring !== undefined && file !== undefined) throw new UserError('give either --wiring or -f, not both');
  if (wiring !== undefined && !isWiring(wiring)) {
    throw new UserError(`--wiring must be one of ${WIRING_NAMES.join(', ')}; "${wiring}" is not`);
  }
  const address = listen.match(/^(.+):(\d{1,5})$/);
  if (!address || Number(address[2]) > 65535) throw new UserError(`--listen takes host:port, such as 127.0.0.1:3000; "${listen}" is not`);
  const manifest = file !== undefined ? resolve(file) : manifestOf(wiring ?? 'chain');
  const limits = told(() => limitsFromEnvironment(env));
  type Count = 'max-instance-memory' | 'max-chain-depth' | 'max-instance-reuse-count' | 'max-instance-concurrent-reuse-count';
  const limit = (option: Count): number | undefined => {
    const text = parsed.values[option];
    return text === undefined ? undefined : told(() => positiveInteger(`--${option}`, text));
  };
  const maxInstanceMemory = limit('max-instance-memory');
  const maxChainDepth = limit('max-chain-depth');
  if (maxInstanceMemory !== undefined) limits.maxInstanceMemory = maxInstanceMemory;
  if (maxChainDepth !== undefined) limits.maxChainDepth = maxChainDepth;
  const idleInstance = parsed.values['idle-instance-timeout'];
  limits.reuse = {
    maxRequests: limit('max-instance-reuse-count') ?? DEFAULT_LIMITS.reuse.maxRequests,
    maxConcurrent: limit('max-instance-concurrent-reuse-count') ?? DEFAULT_LIMITS.reuse.maxConcurrent,
    idleMs: idleInstance === undefined ? DEFAULT_LIMITS.reuse.idleMs : parseDuration('--idle-instance-timeout', idleInstance),
  };
  return {
    manifest,
    host: address[1],
    port: Number(address[2]),
    componentIds,
    requestTimeoutMs: timeout === undefined ? undefined : parseDuration('--request-timeout', timeout),
    shutdownGraceMs: grace === undefined ? undefined : parseDuration('--shutdown-grace', grace),
    workerIdleMs: idle === undefined ? undefined : parseDuration('--worker-idle-timeout', idle),
    limits,
    runtimeConfigFile: parsed.values['runtime-config-file'] ?? (env.RUNTIME_CONFIG_FILE || undefined),
    stateDir: parsed.values['state-dir'],
  };
}

function routeLines(app: App, url: string): string[] {
  const lines = app.router.list().map(({ component, route, wildcard }) => `  ${component}: ${url}${route}${wildcard ? ' (wildcard)' : ''}`);
  const privates = app.privateComponents.map((component) => `  ${component}: private (reachable by service chaining only)`);
  return [...lines, ...privates];
}

/** Spin's line about the default store, said only when a component uses it. */
function defaultStoreLine(app: App, config: RuntimeConfig): string | undefined {
  const store = config.keyValueStores.get(DEFAULT_LABEL);
  const used = [...app.components.values()].some((component) => component.keyValueStores.includes(DEFAULT_LABEL));
  return store && used ? `Storing default key-value data to ${describeStore(store)}.` : undefined;
}

export async function up(argv: string[]): Promise<void> {
  const args = parseUpArgs(argv);
  let config: RuntimeConfig;
  let app: App;
  try {
    config = await loadRuntimeConfig(args.runtimeConfigFile, { stateDir: args.stateDir, appDir: dirname(args.manifest) });
    app = await loadApp(args.manifest, { componentIds: args.componentIds, storeLabels: [...config.keyValueStores.keys()] });
  } catch (error) {
    if (error instanceof StartupError) throw new UserError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${args.manifest} does not exist`);
    throw error;
  }
  if (config.summaries.length > 0) console.error(`Using runtime config ${config.summaries.join(', ')} from "${args.runtimeConfigFile}"`);
  // Spin keeps the logs in the state directory; without one, the components write to its own stdout and stderr.
  const logDir = config.stateDir === undefined ? undefined : join(config.stateDir, 'logs');
  if (logDir) console.log(`Logging component stdio to "${relative(process.cwd(), logDir) || '.'}/"\n`);
  const storeLine = defaultStoreLine(app, config);
  if (storeLine) console.error(storeLine);
  for (const warning of [...config.warnings, ...app.warnings]) console.log(`Warning: ${warning}`);

  const stamp = (line: string): void => console.error(`${new Date().toISOString()} ${line}`);
  let running: RunningApp;
  try {
    running = await serveApp(app, {
      host: args.host,
      port: args.port,
      logDir,
      log: stamp,
      requestTimeoutMs: args.requestTimeoutMs,
      shutdownGraceMs: args.shutdownGraceMs,
      workerIdleMs: args.workerIdleMs,
      limits: args.limits,
      stores: config.keyValueStores,
      wac: [...app.components.values()].some((c) => c.dependencies.length > 0) ? await ensureTool(WAC) : undefined,
    });
  } catch (error) {
    if (error instanceof StartupError) throw new UserError(error.message);
    throw error;
  }
  if (running.composed.length > 0) console.log(`${running.composed.join('\n')}\n`);
  for (const note of running.notes) console.log(`${note}\n`);
  console.log(`Serving ${running.url}\nAvailable Routes:\n${routeLines(app, running.url).join('\n')}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      console.log(`${signal} again: stopping now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: finishing requests in flight, then stopping`);
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
