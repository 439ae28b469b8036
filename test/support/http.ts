// Requests and responses as the local runtime holds them, for tests.
import { loadComponent, type Component, type HttpRequest, type HttpResponse } from '../../runtime/index.js';
import { wasmPath } from '../../scripts/lib/project.js';

export function get(pathWithQuery: string, init: Partial<HttpRequest> = {}): HttpRequest {
  return { method: 'GET', scheme: 'http', authority: '127.0.0.1:3000', pathWithQuery, headers: [], body: new Uint8Array(), ...init };
}

export const bodyText = (response: HttpResponse): string => new TextDecoder().decode(response.body);

export function header(response: HttpResponse, name: string): string | undefined {
  return response.headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

/** A component built by `npm run build` or `npm run compose`, ready to instantiate. */
export const loadBuilt = (name: string): Promise<Component> => loadComponent(wasmPath(name));

/** Monday 23 November 2026, 12:00 UTC: the pinned "today" of the tests. */
export const MONDAY = (): number => Date.UTC(2026, 10, 23, 12);

/** What the article's week looks like from the outside, Sunday first. */
export const WEEK = [
  { title: 'Dead Souls', author: 'Nikolai Gogol' },
  { title: 'The Little Drummer Girl', author: 'John le Carré' },
  { title: 'We Were Eight Years in Power', author: 'Ta-Nehisi Coates' },
  { title: 'My Ántonia', author: 'Willa Cather' },
  { title: 'Haroun and the Sea of Stories', author: 'Salman Rushdie' },
  { title: 'The Bird King', author: 'G. Willow Wilson' },
  { title: 'The Hobbit', author: 'J.R.R. Tolkien' },
];

export const sentence = (day: number): string => `Today's book is _${WEEK[day].title}_ by ${WEEK[day].author}`;
