// Durations and sizes as the scripts print them.

export const seconds = (startMs: number): string => `${((performance.now() - startMs) / 1000).toFixed(1)}s`;
/** A file's size: MiB to one decimal, KiB under one MiB (the WebAssembly text components are a few KiB). */
export const fileSize = (bytes: number): string =>
  bytes < 2 ** 20 ? `${(bytes / 2 ** 10).toFixed(1)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
