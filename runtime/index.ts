// The local runtime's public API: what the scripts and the tests use to load
// a Spin manifest, serve it, and run a component. runtime/README.md maps
// the rest.
export { Component } from './component/component.js';
export { loadComponent } from './component/load.js';
export { customSection } from './component/wasm-binary.js';
export { compileComponent } from './component/compile.js';
export { unversioned } from './component/interface-names.js';
export { componentInterfaces, type WorldInterfaces } from './component/interfaces.js';
export { transpilerVersion } from './component/transpile.js';
export { ManifestError, StartupError } from './errors.js';
export { DEFAULT_LABEL, describeStore, type StoreConfigs } from './key-value/config.js';
export { sqliteAccess } from './key-value/in-process.js';
export { DEFAULT_LIMITS, limitsFromEnvironment, positiveInteger, type Limits } from './executor/limits.js';
export { loadApp, resolveApp, type App, type AppComponent, type LoadOptions } from './manifest/app.js';
export { loadManifest, parseManifest, type SpinManifest } from './manifest/parse.js';
export { envName, resolveApplicationVariables } from './manifest/variables.js';
export { allowsUrl, parseAllowedHost } from './outbound/allowed-hosts.js';
export { loadRuntimeConfig, type RuntimeConfig } from './runtime-config/runtime-config.js';
export { serveApp, type RunningApp, type ServeOptions } from './trigger-http/server.js';
export type { HttpRequest, HttpResponse, Outbound, OutboundResult } from './wasi/http.js';
export { hostImports, type HostOptions } from './wasi/imports.js';
