/** Answers every request the component receives with `handle`, as Spin's JS components do. */
export function serve(handle: (request: Request) => Promise<Response>): void {
  addEventListener('fetch', (event) => event.respondWith(handle(event.request)));
}
