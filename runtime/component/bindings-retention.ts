// A fix to the bindings jco-transpile 0.15 generates for WASI 0.3, which keep
// each request's streams, futures, tasks and copy buffers for the life of its
// instance (applied by bindings-fix.ts).

/**
 * What the rewrites below add: a table of reps that holds its values weakly
 * (a rep finds its value while something else keeps it alive), and a way for
 * an end of a stream or future that is the host's to leave the guest's tables.
 */
const HELPERS = `class WeakRepTable {
  #values = new Map();
  #last = 0;
  #collected = new FinalizationRegistry((rep) => this.#values.delete(rep));
  insert(value) {
    const rep = ++this.#last;
    this.#values.set(rep, new WeakRef(value));
    this.#collected.register(value, rep);
    return rep;
  }
  get(rep) { return this.#values.get(rep)?.deref(); }
}
const STREAM_ENDS_KEEP = Symbol('the stream its ends keep alive');
function leaveTables(end, tables, tableIdx) {
  const meta = tables[tableIdx];
  if (!meta) return;
  const handle = end.handle();
  if (handle && meta.table.get(handle) === end) meta.table.remove(handle);
  const handles = getOrCreateAsyncState(meta.componentIdx).handles;
  const waitable = end.waitableIdx();
  if (waitable && handles.get(waitable) === end) handles.remove(waitable);
}
`;

/**
 * Each rewrite of `fixRetention`: what it finds, how many times, and what it
 * puts there; `when`, if given, is what the bindings have when they need it
 * (jco-transpile writes a helper only for a component that uses it);
 * `unless`, if given, is what would make it wrong: the fix throws if it is there.
 */
const RETENTION: readonly { found: string; times: number; replacement: string; when?: string; unless?: string }[] = [
  {
    found: "const FUTURES = new RepTable({ target: 'global future map' });",
    times: 1,
    replacement: `${HELPERS}const FUTURES = new WeakRepTable();`,
  },
  { found: "const STREAMS = new RepTable({ target: 'global stream map' });", times: 1, replacement: 'const STREAMS = new WeakRepTable();' },
  // A stream the host forwards from one guest to another is found by its rep
  // while its ends live: they, not the table, keep it.
  {
    found: 'stream.setGlobalStreamMapRep(STREAMS.insert(stream));',
    times: 1,
    replacement:
      'stream.setGlobalStreamMapRep(STREAMS.insert(stream));\n    stream.readEnd()[STREAM_ENDS_KEEP] = stream;\n    stream.writeEnd()[STREAM_ENDS_KEEP] = stream;',
  },
  // Every buffer a copy goes through, filed by id, where nothing reads it back.
  { found: 'instanceBuffers.set(nextBufID, buffer);', times: 1, unless: 'BUFFER_MGR.getBuffer(', replacement: '' },
  // What the guest hands the host (a response's body and trailers) is the
  // host's from then on, as the component model has it: it leaves the guest's
  // tables when it is lifted, not when the guest drops it, which it never will.
  {
    found: 'return [ stream, ctx ];',
    times: 1,
    replacement: 'leaveTables(streamEnd, STREAM_TABLES, streamTableIdx);\n    return [ stream, ctx ];',
  },
  {
    found: 'return new Stream({',
    times: 1,
    replacement: 'leaveTables(streamEnd, STREAM_TABLES, this.#streamTableIdx);\n      return new Stream({',
  },
  {
    found: 'return futureEnd.promise();',
    times: 1,
    replacement: 'leaveTables(futureEnd, FUTURE_TABLES, this.#futureTableIdx);\n      return futureEnd.promise();',
  },
  // The end a host writes through (a request's body and trailers, a
  // response's transmission) is never the guest's, whether or not it reads.
  {
    found: 'const { readFn, hostWriteEnd, readEnd } = genArgs;',
    times: 1,
    when: 'function _genStreamHostInjectFn(',
    replacement:
      'const { readFn, hostWriteEnd, readEnd } = genArgs;\n    leaveTables(hostWriteEnd, STREAM_TABLES, hostWriteEnd.streamTableIdx());',
  },
  {
    found: 'const { promise, hostWriteEnd, stringEncoding, getReallocFn } = genArgs;',
    times: 1,
    replacement:
      'const { promise, hostWriteEnd, stringEncoding, getReallocFn } = genArgs;\n  leaveTables(hostWriteEnd, FUTURE_TABLES, hostWriteEnd.futureTableIdx());',
  },
];

/**
 * Every future and stream an instance makes stays in its tables, with what
 * it refers to (the task that made it, the functions that lift its payload),
 * for as long as the instance lives: the global tables (FUTURES, STREAMS)
 * never let go, and an end that is the host's (handed over by the guest, or
 * written by the host) stays in the guest's own tables, where only a drop by
 * the guest, which never comes, would take it out; so does every buffer a
 * copy went through. A request left about 0.16 MiB behind, 128 requests long
 * under Spin's reuse, and the collector, seeing that much live, let a
 * worker's heap grow to several times it. Here the global tables hold their
 * values weakly, the host's ends leave the guest's tables as they become the
 * host's, and the buffers are not filed. Throws if the bindings do not have
 * what it rewrites, so that another jco-transpile is looked at rather than
 * half fixed.
 */
export function fixRetention(bindings: string): string {
  let fixed = bindings;
  for (const { found, times, replacement, when, unless } of RETENTION) {
    if (when !== undefined && !fixed.includes(when)) continue;
    if (unless !== undefined && fixed.includes(unless)) {
      throw new Error(`the fix to what jco-transpile's bindings retain cannot apply where the bindings have "${unless}"`);
    }
    const parts = fixed.split(found);
    if (parts.length !== times + 1) {
      throw new Error(`the fix to what jco-transpile's bindings retain finds "${found}" ${parts.length - 1} times, not ${times}`);
    }
    fixed = parts.join(replacement);
  }
  return fixed;
}
