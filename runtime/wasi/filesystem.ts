// wasi:filesystem without a file system: a component gets no preopened
// directories, so it can never hold a descriptor. StarlingMonkey imports the
// interface as soon as it has stdio; the resource classes exist for the
// bindings' type checks and are never constructed.
import type * as Preopens from '../generated/interfaces/wasi-filesystem-preopens.js';
import type * as FilesystemTypes from '../generated/interfaces/wasi-filesystem-types.js';

export class Descriptor {}
export class DirectoryEntryStream {}

export const preopens: typeof Preopens = { getDirectories: () => [] };

export const filesystemTypes = {
  Descriptor,
  DirectoryEntryStream,
  filesystemErrorCode: (): ReturnType<typeof FilesystemTypes.filesystemErrorCode> => undefined,
};
