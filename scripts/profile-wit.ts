// npm run profile:wit [-- --out DIR]
// Where a WIT crossing's time goes, function by function: V8's CPU profiler
// over the crossings' TypeScript caller and exporter, run in this process by
// the local runtime, on StarlingMonkey's debug build (whose functions keep
// their names; the release build's are numbers). Three profiles:
//   a call   10,000 calls of nothing, the caller calling the exporter
//   lowering 10,000 books through the relay: the exporter's side alone
//   lifting  10,000 books from the null exporter: the caller's side alone
// Prints each one's functions with the most time of their own, by the side
// they run on, and writes each .cpuprofile (for Chrome's DevTools).
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';
import { type HttpRequest, loadComponent } from '../runtime/index.js';
import { main, parseCommandLine } from './lib/cli.js';
import { PROFILED_PAIRS } from './lib/crossings/guests.js';
import { BUILD_DIR, ROOT, wasmPath } from './lib/project.js';
import { buildAndCompose } from './lib/run.js';
import { type Profile, profileRows } from './lib/crossings/profile.js';

const PROFILES = [
  { name: 'call', pair: PROFILED_PAIRS.both, query: 'shape=nothing&n=1&calls=10000&via=direct', runs: 5 },
  { name: 'lowering', pair: PROFILED_PAIRS.both, query: 'shape=books&n=10000&calls=1&via=relay', runs: 10 },
  { name: 'lifting', pair: PROFILED_PAIRS.caller, query: 'shape=books&n=10000&calls=1&via=direct', runs: 10 },
] as const;

main(async () => {
  const { values } = parseCommandLine({ options: { out: { type: 'string' } } }, 'usage: npm run profile:wit -- [--out DIR]');
  const out = values.out ?? join(BUILD_DIR, 'profiles');
  await buildAndCompose(Object.values(PROFILED_PAIRS).map((pair) => pair.name));
  await mkdir(out, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  const profiles = new Map<string, Profile>();
  for (const { name, pair, query, runs } of PROFILES) {
    const component = await loadComponent(wasmPath(pair.name));
    const request: HttpRequest = {
      method: 'GET',
      scheme: 'http',
      authority: '127.0.0.1',
      pathWithQuery: `/?${query}`,
      headers: [],
      body: new Uint8Array(),
    };
    const once = (): void => {
      const instance = component.instantiate();
      component.serve(instance, request);
      component.release(instance);
    };
    for (let i = 0; i < 3; i++) once(); // compiled and warm before anything is sampled
    await session.post('Profiler.start');
    for (let i = 0; i < runs; i++) once();
    const { profile } = await session.post('Profiler.stop');
    profiles.set(name, profile as Profile);
    await writeFile(join(out, `${name}.cpuprofile`), JSON.stringify(profile));
  }
  // The caller's engine is the module the lifting profile spends its time in: the null exporter and the relay take next to none.
  const lifting = profileRows(profiles.get('lifting') as Profile, new Set()).modules;
  const callerModules = new Set(Object.keys(lifting).filter((url) => lifting[url] > 5));
  for (const { name, query } of PROFILES) {
    const { rows } = profileRows(profiles.get(name) as Profile, callerModules);
    console.log(`\n${name}: GET /?${query}, self time by function (${relative(ROOT, join(out, `${name}.cpuprofile`))})`);
    for (const row of rows.slice(0, 14)) console.log(`  ${row.share.toFixed(1).padStart(5)}%  ${row.side.padEnd(8)} ${row.name}`);
  }
});
