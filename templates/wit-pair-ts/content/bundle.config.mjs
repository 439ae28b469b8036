// Imports of WIT interfaces (namespace:package/interface) are bound by
// componentize-js as it builds the component: the bundler leaves them alone.
export default { external: [/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*\//] };
