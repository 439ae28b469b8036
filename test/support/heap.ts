// How many objects of each class the heap holds, from a heap snapshot (which
// collects garbage first): what an instance keeps, counted without reaching
// into it.
import { getHeapSnapshot } from 'node:v8';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Objects on the heap now whose constructor is named in `classes`, by name. */
export async function liveObjects(classes: readonly string[]): Promise<Record<string, number>> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  const { snapshot, nodes, strings } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Snapshot;
  const fields = snapshot.meta.node_fields;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const objectType = snapshot.meta.node_types[0].indexOf('object');
  const counts = Object.fromEntries(classes.map((name) => [name, 0]));
  for (let node = 0; node < nodes.length; node += fields.length) {
    const name = strings[nodes[node + nameAt]];
    if (nodes[node + typeAt] === objectType && name in counts) counts[name]++;
  }
  return counts;
}
