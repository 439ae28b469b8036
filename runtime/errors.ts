// The errors the runtime reports to the person starting an app: each says
// what is wrong and where (file, key, address), in one message.

/** A problem that stops the app from starting. */
export class StartupError extends Error {}

/** A manifest that is not valid TOML, or not a valid Spin manifest. */
export class ManifestError extends StartupError {}
