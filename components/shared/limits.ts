// The catalogue's limits, as the WIT contract documents them: book-api
// enforces them, the frontend names them in the same words.

/** The largest list `books` hands out. */
export const MAX_BOOKS = 100_000;
/** The most books a page of the catalogue holds, and how many when not said. */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;
/** The longest title or author, in characters (code points). */
export const MAX_FIELD = 200;
