// The runtime the conformance suite runs against, chosen once per run:
// BOOKSERVER_RUNTIME=local (the default, as in CI) or spin (a real `spin`
// on PATH). Every case starts its apps through `serveApp`, so the same
// files check both runtimes; `npm run conformance` runs them against each.
import { type AppBuild, builtApps, onWasi02Only } from '../../scripts/lib/engines.js';
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

/** The builds the runtime can serve: on the local runtime, none with a WASI 0.3 component, which it does not run yet (startup.test.ts checks it says so). */
export const servableApps = (): AppBuild[] => builtApps().filter((build) => ON_SPIN || onWasi02Only(build));
