// Loaded with `node --import` into the process that runs `jco componentize`
// (scripts/lib/jco.ts): it wraps componentize-js's splicer so that the
// bindings it generates get bindings-fixes.ts before StarlingMonkey
// snapshots them. The splicer is reached by its file, which componentize-js
// imports too, so both see one module and one splicer.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir, packageVersion } from '../project.js';
import { fixBindings } from './bindings-fixes.js';

const COMPONENTIZE_JS = '@bytecodealliance/componentize-js';

interface Spliced {
  jsBindings: string;
}
interface Splicer {
  spliceBindings: (...args: unknown[]) => Spliced;
}

const splicerFile = join(packageDir(COMPONENTIZE_JS), 'lib', 'spidermonkey-embedding-splicer.js');
const { splicer } = (await import(pathToFileURL(splicerFile).href)) as { splicer: Splicer };
const splice = splicer.spliceBindings;
splicer.spliceBindings = (...args) => {
  const spliced = splice(...args);
  return { ...spliced, jsBindings: fixBindings(spliced.jsBindings, packageVersion(COMPONENTIZE_JS)) };
};
