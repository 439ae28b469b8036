// The components that stand in for a capability set a dependency does not
// inherit (SIP 023): each exports the set's interface and refuses every
// call, in the words of Spin's own deny adapter ("\"wasi:config/store\" is
// not permitted", `access-denied` from wasi:keyvalue's open), so that a
// guest sees the same refusal on both runtimes.
// Each is a few lines of WAT, embedded with its world in runtime/wit/deny.wit
// and made a component by the wasm-tools that jco ships.
import { fileURLToPath } from 'node:url';
import type { Capability } from '../manifest/dependencies.js';

const WIT_DIR = fileURLToPath(new URL('../wit', import.meta.url));

export interface DenyAdapter {
  capability: Capability;
  /** Its world in runtime/wit/deny.wit. */
  world: string;
  /** The interface it exports, with its version; it stands in for any semver-compatible import of it. */
  exports: string;
  /** Interfaces (unversioned) that use its types: the host cannot serve one of them beside the adapter, so they do not compose. */
  usedBy?: readonly string[];
  /** The core module, in WAT. */
  wat: string;
}

/** Where each adapter keeps its refusal message, and the area its results are returned in (the canonical ABI's return pointer). */
const MESSAGE = 64;
const RESULT = 1024;
const HEAP = 2048;

const refusal = (name: string): string => `"${name}" is not permitted`;
const watString = (text: string): string => text.replaceAll('\\', '\\\\').replaceAll('"', '\\"');

/** A bump allocator for the strings a caller lowers into the adapter; an instance serves one request, so nothing is freed. */
const REALLOC = `
  (global $next (mut i32) (i32.const ${HEAP}))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $next (i32.add (local.get $at) (local.get $size)))
    (block $fits
      (br_if $fits (i32.le_u (global.get $next) (i32.shl (memory.size) (i32.const 16))))
      (br_if $fits (i32.ne (memory.grow (i32.add (i32.shr_u (global.get $next) (i32.const 16)) (i32.const 1))) (i32.const -1)))
      unreachable)
    (local.get $at))`;

/** error-code's case internal-error(option<string>), as wasi:http 0.2 numbers them. */
const INTERNAL_ERROR = 38;

function outgoingHttp(): DenyAdapter {
  const message = refusal('wasi:http/outgoing-handler');
  // result<future-incoming-response, error-code>: tag at 0, error-code (8-aligned) at 8 with its tag,
  // its option<string> at 16: tag, then pointer and length.
  const wat = `(module
  (import "wasi:http/types@0.2.10" "[resource-drop]outgoing-request" (func $drop_request (param i32)))
  (import "wasi:http/types@0.2.10" "[resource-drop]request-options" (func $drop_options (param i32)))
  (memory (export "memory") 1)
  (data (i32.const ${MESSAGE}) "${watString(message)}")
  (func (export "wasi:http/outgoing-handler@0.2.10#handle") (param $request i32) (param $has_options i32) (param $options i32) (result i32)
    (call $drop_request (local.get $request))
    (if (local.get $has_options) (then (call $drop_options (local.get $options))))
    (i32.store8 (i32.const ${RESULT}) (i32.const 1))
    (i32.store8 (i32.const ${RESULT + 8}) (i32.const ${INTERNAL_ERROR}))
    (i32.store8 (i32.const ${RESULT + 16}) (i32.const 1))
    (i32.store (i32.const ${RESULT + 20}) (i32.const ${MESSAGE}))
    (i32.store (i32.const ${RESULT + 24}) (i32.const ${Buffer.byteLength(message)}))
    (i32.const ${RESULT})))`;
  return { capability: 'allowed_outbound_hosts', world: 'deny-outgoing-http', exports: 'wasi:http/outgoing-handler@0.2.10', wat };
}

function variables(): DenyAdapter {
  const message = refusal('wasi:config/store');
  const store = 'wasi:config/store@0.2.0-draft-2024-09-27';
  // result<_, error> with error = variant { upstream(string), io(string) }: tag at 0, the error's tag at 4
  // (io is case 1), its string at 8: pointer and length.
  const wat = `(module
  (memory (export "memory") 1)
  (data (i32.const ${MESSAGE}) "${watString(message)}")${REALLOC}
  (func $refuse (result i32)
    (i32.store8 (i32.const ${RESULT}) (i32.const 1))
    (i32.store8 (i32.const ${RESULT + 4}) (i32.const 1))
    (i32.store (i32.const ${RESULT + 8}) (i32.const ${MESSAGE}))
    (i32.store (i32.const ${RESULT + 12}) (i32.const ${Buffer.byteLength(message)}))
    (i32.const ${RESULT}))
  (func (export "${store}#get") (param $key i32) (param $key_len i32) (result i32) (call $refuse))
  (func (export "${store}#get-all") (result i32) (call $refuse)))`;
  return { capability: 'variables', world: 'deny-variables', exports: store, wat };
}

function environment(): DenyAdapter {
  const environment = 'wasi:cli/environment@0.2.10';
  // No refusal here, as in Spin: an empty environment, no arguments, no working directory.
  // A list is returned as pointer and length; option<string> as its tag (0, none).
  const wat = `(module
  (memory (export "memory") 1)
  (func $empty_list (result i32)
    (i32.store (i32.const ${RESULT}) (i32.const ${HEAP}))
    (i32.store (i32.const ${RESULT + 4}) (i32.const 0))
    (i32.const ${RESULT}))
  (func (export "${environment}#get-environment") (result i32) (call $empty_list))
  (func (export "${environment}#get-arguments") (result i32) (call $empty_list))
  (func (export "${environment}#initial-cwd") (result i32)
    (i32.store8 (i32.const ${RESULT}) (i32.const 0))
    (i32.const ${RESULT})))`;
  return { capability: 'environment', world: 'deny-environment', exports: environment, wat };
}

function keyValue(): DenyAdapter {
  const store = 'wasi:keyvalue/store@0.2.0-draft2';
  // open answers result<bucket, error>: its tag at 0 (err is 1), the error's tag at 4 (access-denied is case 1).
  // No bucket is ever made, so no bucket method can be called: they trap, as Spin's do.
  const unreachable = (method: string, params: number): string =>
    `\n  (func (export "${store}#[method]bucket.${method}") (param${' i32'.repeat(params)}) (result i32) unreachable)`;
  const wat = `(module
  (memory (export "memory") 1)${REALLOC}
  (func (export "${store}#open") (param $identifier i32) (param $identifier_len i32) (result i32)
    (i32.store8 (i32.const ${RESULT}) (i32.const 1))
    (i32.store8 (i32.const ${RESULT + 4}) (i32.const 1))
    (i32.const ${RESULT}))${unreachable('get', 3)}${unreachable('set', 5)}${unreachable('delete', 3)}${unreachable('exists', 3)}${unreachable('list-keys', 4)})`;
  return {
    capability: 'key_value_stores',
    world: 'deny-key-value',
    exports: store,
    usedBy: ['wasi:keyvalue/atomics', 'wasi:keyvalue/batch'],
    wat,
  };
}

export const DENY_ADAPTERS: readonly DenyAdapter[] = [outgoingHttp(), variables(), environment(), keyValue()];

/** The adapter as a component. */
export async function denyAdapterComponent(adapter: DenyAdapter): Promise<Uint8Array> {
  const { componentEmbed, componentNew, parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const core = await parse(adapter.wat);
  return componentNew(await componentEmbed({ binary: core, witPath: WIT_DIR, world: adapter.world }));
}
