// A value now or later: what a handler gets from a source that answers at
// once (the WIT catalog, on an engine whose handlers cannot wait) or after a
// fetch (HTTP, on StarlingMonkey). Handlers written with `andThen` serve both.
// (Not `then`: a module exporting a function of that name is a thenable to
// `import()`.)
export type Eventually<T> = T | Promise<T>;

/** `next(value)`: at once when the value is there, once it is when it is a promise. */
export function andThen<T, U>(value: Eventually<T>, next: (value: T) => Eventually<U>): Eventually<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
