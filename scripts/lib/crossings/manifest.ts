// The Spin manifest that serves the pairs measured, one component and route
// each, written into build/ since which pairs there are depends on what is
// built (the ahead-of-time exporter needs weval).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BUILD_DIR, wasmPath } from '../project.js';
import type { Pair } from './guests.js';

export function crossingsManifest(pairs: readonly Pair[]): string {
  const components = pairs.map(
    ({ id, caller, exporter, composition }) => `
# ${caller.describes} calling ${exporter.describes}.
[[trigger.http]]
route = "/${id}"
component = "${id}"

[component.${id}]
source = ${JSON.stringify(wasmPath(composition.name))}
allowed_outbound_hosts = []
`,
  );
  return `# The crossings benchmark's pairs (npm run bench:wit writes this file):
# GET /<pair>?shape=books&n=100&calls=10&via=direct
spin_manifest_version = 2

[application]
name = "bookserver-crossings"
version = "0.1.0"
description = "What a WIT call and each element it carries cost, and on which side"
${components.join('')}`;
}

/** Writes build/<folder>/spin.toml, a folder per suite, so that each suite's tests can serve theirs at once. */
export async function writeCrossingsManifest(pairs: readonly Pair[], folder = 'crossings'): Promise<string> {
  const manifest = join(BUILD_DIR, folder, 'spin.toml');
  await mkdir(dirname(manifest), { recursive: true });
  await writeFile(manifest, crossingsManifest(pairs));
  return manifest;
}
