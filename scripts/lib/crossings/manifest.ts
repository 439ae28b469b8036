// The Spin manifest that serves the pairs measured, one component and route
// each, written into build/ since which pairs there are depends on what is
// built (the ahead-of-time exporter needs weval).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_DIR, wasmPath } from '../project.js';
import type { Pair } from './guests.js';

export const CROSSINGS_MANIFEST = join(BUILD_DIR, 'crossings', 'spin.toml');

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

export async function writeCrossingsManifest(pairs: readonly Pair[]): Promise<string> {
  await mkdir(join(BUILD_DIR, 'crossings'), { recursive: true });
  await writeFile(CROSSINGS_MANIFEST, crossingsManifest(pairs));
  return CROSSINGS_MANIFEST;
}
