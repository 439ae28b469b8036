// Durations and sizes as the scripts print them.

export const seconds = (startMs: number): string => `${((performance.now() - startMs) / 1000).toFixed(1)}s`;
export const mebibytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
