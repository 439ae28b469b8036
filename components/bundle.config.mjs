// Imports from our own WIT package are bound by componentize-js when it
// builds the component, so the bundler must leave them alone.
export default { external: [/^bookserver:/] };
