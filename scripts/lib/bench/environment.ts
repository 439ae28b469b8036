// What a benchmark run was measured on: the machine, the toolchain that
// built the components, and each runtime's version.
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { transpilerVersion } from '../../../runtime/index.js';
import { toolchain } from '../jco.js';
import { spinVersion, type RuntimeName } from '../serve.js';
import { toolVersion } from '../tools.js';
import type { Results, RuntimeVersion } from './results.js';

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
    'runtime bindings': `jco ${await transpilerVersion()}`,
    wac: (await toolVersion('wac')) ?? 'not installed',
  };
}

export async function runtimeVersion(name: RuntimeName): Promise<RuntimeVersion> {
  if (name === 'spin') return { name, version: await spinVersion() };
  return { name, version: `Node ${process.version}, bindings jco ${await transpilerVersion()}` };
}
