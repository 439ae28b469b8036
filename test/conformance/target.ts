// The runtime the conformance suite runs against, chosen once per run:
// BOOKSERVER_RUNTIME=local (the default, as in CI) or spin (a real `spin`
// on PATH). Every case starts its apps through `serveApp`, so the same
// files check both runtimes; `npm run conformance` runs them against each.
import { isRuntime, serve, serveUntilExit, type RuntimeName, type ServedApp, type ServeOptions } from '../../scripts/lib/serve.js';

function chosen(): RuntimeName {
  const name = process.env.BOOKSERVER_RUNTIME ?? 'local';
  if (!isRuntime(name)) throw new Error(`BOOKSERVER_RUNTIME is local or spin, not "${name}"`);
  return name;
}

export const RUNTIME: RuntimeName = chosen();

export type AppOptions = Omit<ServeOptions, 'runtime' | 'manifest'>;

export const serveApp = (manifest: string, options: AppOptions = {}): Promise<ServedApp> =>
  serve({ runtime: RUNTIME, manifest, ...options });

export const serveAppUntilExit = (manifest: string, options: AppOptions = {}) => serveUntilExit({ runtime: RUNTIME, manifest, ...options });

export const ON_SPIN = RUNTIME === 'spin';

/**
 * The title of a case where Spin answers otherwise because of a bug we can
 * name (the case says which, with the Spin version): on a run against Spin
 * the title says so, and `npm run conformance` counts it apart.
 */
export const titleWithSpinBug = (title: string, bug: string): string => (ON_SPIN ? `${title} (Spin differs: ${bug})` : title);

/**
 * The title of a case where the local runtime answers otherwise because of a
 * fault, which the case names, in a tool it is built on: on a run against the
 * local runtime the title says so, and `npm run conformance` counts it apart.
 */
export const titleWithLocalLimit = (title: string, limit: string): string =>
  ON_SPIN ? title : `${title} (the local runtime differs: ${limit})`;
