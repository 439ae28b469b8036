// A V8 CPU profile read as a table: each function's share of the self time,
// and the side of the boundary it ran on, told by the WebAssembly module its
// code is in: the caller's engine, the exporter's, or the host (the local
// runtime's JavaScript, which stands for wasmtime's trampolines here).

/** What V8's Profiler.stop returns, as much of it as is read here. */
export interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  side: 'caller' | 'exporter' | 'host';
  /** Percent of the profile's time. */
  share: number;
}

const isWasm = (url: string): boolean => url.startsWith('wasm://');

/** Rows by share, largest first; `modules` holds each WebAssembly module's share, by its URL. */
export function profileRows(profile: Profile, callerModules: ReadonlySet<string>): { rows: ProfileRow[]; modules: Record<string, number> } {
  const self = new Map<number, number>();
  for (const [i, node] of profile.samples.entries()) self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((sum, t) => sum + t, 0) || 1;
  const byName = new Map<string, ProfileRow>();
  const modules: Record<string, number> = {};
  for (const { id, callFrame } of profile.nodes) {
    const time = self.get(id) ?? 0;
    if (time === 0) continue;
    const side = !isWasm(callFrame.url) ? 'host' : callerModules.has(callFrame.url) ? 'caller' : 'exporter';
    if (isWasm(callFrame.url)) modules[callFrame.url] = (modules[callFrame.url] ?? 0) + (100 * time) / total;
    const name = callFrame.functionName || '(anonymous)';
    const key = `${side} ${name}`;
    const row = byName.get(key) ?? { name, side, share: 0 };
    row.share += (100 * time) / total;
    byName.set(key, row);
  }
  return { rows: [...byName.values()].sort((a, b) => b.share - a.share), modules };
}
