// Guests written in WebAssembly text by the project's generators: the text
// parsed, embedded with its world and made a component by the wasm-tools that
// jco ships.
import { writeFile } from 'node:fs/promises';
import { nullExporterWat, relayWat } from '../../bench/crossings/null-guests.js';
import { WEEK } from '../../components/book-api/src/catalog.js';
import { type WatGuest, wasmPath, witDirOf } from './project.js';

const GENERATORS: Record<WatGuest['generator'], () => string> = {
  'null-exporter': () => nullExporterWat(WEEK),
  relay: relayWat,
};

export async function buildWat(guest: WatGuest): Promise<void> {
  const { componentEmbed, componentNew, parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const core = await parse(GENERATORS[guest.generator]());
  await writeFile(
    wasmPath(guest.name),
    await componentNew(await componentEmbed({ binary: core, witPath: witDirOf(guest), world: guest.world })),
  );
}
