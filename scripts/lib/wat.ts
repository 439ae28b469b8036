// Guests written in WebAssembly text, by hand (the http-face adapter) or by
// the project's generators (the crossings' null guests): the text parsed,
// embedded with its world and made a component by the wasm-tools that jco
// ships.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nullExporterWat, relayWat } from '../../bench/crossings/null-guests.js';
import { WEEK } from '../../components/book-api/src/catalog.js';
import { ROOT, type WatGuest, wasmPath, witDirOf } from './project.js';

const GENERATORS: Record<WatGuest['generator'], () => string> = {
  'http-face': () => readFileSync(join(ROOT, 'components', 'http-face', 'http-face.wat'), 'utf8'),
  'null-exporter': () => nullExporterWat(WEEK),
  relay: relayWat,
};

export async function buildWat(guest: WatGuest): Promise<void> {
  const { componentEmbed, componentNew, parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const core = await parse(GENERATORS[guest.generator]());
  await writeFile(
    wasmPath(guest.name),
    // Not `jco embed --world-name`, which jco 1.35 hands on as a key wasm-tools does not read (test/jco-workarounds.test.ts).
    await componentNew(await componentEmbed({ binary: core, witPath: witDirOf(guest), world: guest.world })),
  );
}
