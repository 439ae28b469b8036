// npm run build:http-face: the adapter, WebAssembly text written by hand, made
// a component with the wasm-tools that jco ships: parsed, embedded with its
// world (http-face in wit/world.wit) and wrapped. A script rather than
// `jco parse`, `jco embed` and `jco new` on one line: `jco embed` ignores
// --world-name, and the world must be named here, where wit/ has several.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const at = (path) => fileURLToPath(new URL(path, import.meta.url));

const core = await parse(await readFile(at('http-face.wat'), 'utf8'));
const embedded = await componentEmbed({ binary: core, witPath: at('../wit'), world: 'http-face' });
await mkdir(at('../dist'), { recursive: true });
await writeFile(at('../dist/http-face.wasm'), await componentNew(embedded));
console.log('OK Successfully written dist/http-face.wasm.');
