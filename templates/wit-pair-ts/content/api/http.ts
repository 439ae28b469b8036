// The API's HTTP face: the catalogue as JSON.
//   GET /api    today's book (UTC), or ?weekday=0..6
import { invalidWeekday, weekdayParam } from '../shared/weekday.js';
import { bookOfTheDay, today } from './catalog.js';

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function handle(request: Request): Response {
  const url = new URL(request.url);
  if (url.pathname !== '/api') return json(404, { error: `no route for ${url.pathname}; the API serves /api` });
  if (request.method !== 'GET') return json(405, { error: `${request.method} /api is not allowed; use GET` });
  const weekday = weekdayParam(url.searchParams);
  if (!weekday.ok) return json(400, { error: weekday.message, parameter: 'weekday' });
  const result = bookOfTheDay(weekday.value ?? today());
  if (!result.ok) return json(400, { error: invalidWeekday(result.error.val), parameter: 'weekday' });
  return json(200, result.value);
}
