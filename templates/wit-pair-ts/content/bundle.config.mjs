// Imports of WIT interfaces (namespace:package/interface) are bound by the
// engine's componentizer (componentize-js or componentize-qjs) as it builds
// the component: the bundler leaves them alone.
export default { external: [/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*\//] };
