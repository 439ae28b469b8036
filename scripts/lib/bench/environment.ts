// What a benchmark run was measured on: the machine, the toolchain that
// built the components, the components' sizes, and each runtime's version.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { transpilerVersion } from '../../../runtime/index.js';
import { toolchain } from '../jco.js';
import { AOT_COMPOSITIONS, AOT_GUESTS, COMPOSITIONS, GUESTS, packageVersion, wasmPath } from '../project.js';
import { PYTHON_PACKAGES } from '../python.js';
import { spinVersion } from '../serve.js';
import { toolVersion } from '../tools.js';
import type { Results, RuntimeVersion } from './results.js';
import type { BenchRuntime } from './runtimes.js';

export function machine(): Results['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

export async function toolchainVersions(): Promise<Record<string, string>> {
  const { jco, componentizeJs } = toolchain();
  return {
    jco,
    'componentize-js': componentizeJs,
    'runtime bindings': await transpilerVersion(),
    'componentize-qjs': packageVersion('componentize-qjs'),
    wac: (await toolVersion('wac')) ?? 'not installed',
    weval: (await toolVersion('weval')) ?? 'not installed',
    'componentize-py': PYTHON_PACKAGES.find((p) => p.startsWith('componentize-py'))?.split('==')[1] ?? 'unknown',
  };
}

/** Every component the wirings run, by its name under build/, in bytes. */
export async function componentSizes(): Promise<Record<string, number>> {
  const names = [...GUESTS, ...COMPOSITIONS, ...AOT_GUESTS, ...AOT_COMPOSITIONS]
    .map((part) => part.name)
    .filter((name) => existsSync(wasmPath(name)));
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await stat(wasmPath(name))).size] as const)));
}

export async function runtimeVersion(runtime: BenchRuntime): Promise<RuntimeVersion> {
  if (runtime.kind === 'spin') return { name: runtime.id, version: await spinVersion() };
  return { name: runtime.id, version: `Node ${runtime.nodeVersion ?? process.version}, bindings ${await transpilerVersion()}` };
}
