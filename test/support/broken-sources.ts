// The component sources the start-up cases must refuse, written where their
// manifests (test/fixtures/manifests/startup/) point, under the git-ignored
// build/: a text file, a component cut short after its header, a directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_DIR } from '../../scripts/lib/project.js';

const BROKEN_SOURCES_DIR = join(BUILD_DIR, 'broken-sources');

/** The component preamble (magic, version 0x0d, layer 1), then a section that claims more bytes than follow. */
const TRUNCATED = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x01, 0x80, 0x80]);

export async function writeBrokenSources(): Promise<void> {
  await mkdir(join(BROKEN_SOURCES_DIR, 'a-directory.wasm'), { recursive: true });
  await writeFile(join(BROKEN_SOURCES_DIR, 'not-wasm.wasm'), 'This is text, not WebAssembly.\n');
  await writeFile(join(BROKEN_SOURCES_DIR, 'truncated.wasm'), TRUNCATED);
}
