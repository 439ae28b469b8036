// npm run compose [-- <composition>...]
// Builds the composed components (scripts/lib/project.ts, COMPOSITIONS):
// book-api on QuickJS with its http-face adapter, then book-api plugged into
// the catalog import of each frontend-wit, TypeScript and Python, on each
// engine, each following its file in compose/ and checked. The crossings
// benchmark's pairs and the ahead-of-time engine's are composed only when
// named.
import { compose } from './lib/composition.js';
import { COMPOSABLE } from './lib/buildable.js';
import { COMPOSITIONS, type Composition } from './lib/project.js';
import { main, UserError } from './lib/cli.js';

function selectCompositions(names: string[]): readonly Composition[] {
  if (names.length === 0) return COMPOSITIONS;
  return names.map((name) => {
    const composition = COMPOSABLE.find((c) => c.name === name);
    if (!composition)
      throw new UserError(`unknown composition "${name}"; the compositions are ${COMPOSABLE.map((c) => c.name).join(', ')}`);
    return composition;
  });
}

main(async () => {
  for (const composition of selectCompositions(process.argv.slice(2))) await compose(composition);
});
