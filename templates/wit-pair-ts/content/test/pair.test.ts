// {{frontend-name}}'s page on Node, fed by each face of {{api-name}}: the
// same bytes whichever way the book arrives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WEEK } from '../api/catalog.js';
import { handle } from '../api/http.js';
import { catalog } from '../api/wit.js';
import { httpSource } from '../frontend/http-source.js';
import { type BookSource, page } from '../frontend/page.js';
import { witSource } from '../frontend/wit-source.js';

const overHttp = httpSource('http://api/api', async (url) => handle(new Request(url)));

/** The export as an import sees it: the `err` case of a result thrown as the payload of an error, as componentize-js throws it. */
const imported = Object.fromEntries(
  Object.entries(catalog).map(([name, call]) => [
    name,
    (...args: never[]) => {
      try {
        return (call as (...args: never[]) => unknown)(...args);
      } catch (payload) {
        throw Object.assign(new Error(`${name} failed`), { payload });
      }
    },
  ]),
) as typeof catalog;
const overWit = witSource(imported);

async function render(query: string, source: BookSource): Promise<{ status: number; body: string }> {
  const response = await page(new Request(`http://app/${query}`), source);
  return { status: response.status, body: await response.text() };
}

test('the page names the book of the weekday asked for', async () => {
  assert.deepEqual(await render('?weekday=3', overWit), { status: 200, body: "Today's book is _My Ántonia_ by Willa Cather" });
});

test('both faces give the same page, for every weekday and for wrong ones', async () => {
  for (const query of ['', ...WEEK.map((_, day) => `?weekday=${day}`), '?weekday=9', '?weekday=monday']) {
    assert.deepEqual(await render(query, overHttp), await render(query, overWit), query);
  }
  assert.equal((await render('?weekday=9', overHttp)).status, 400);
});

test('the JSON face names the parameter at fault', async () => {
  const response = handle(new Request('http://api/api?weekday=9'));
  assert.equal(response.status, 400);
  assert.deepEqual(await response.json(), { error: 'weekday must be 0 (Sunday) to 6 (Saturday), got 9', parameter: 'weekday' });
});
