// StarlingMonkey delivers incoming requests as service-worker style `fetch`
// events; the WebWorker lib knows FetchEvent but not the global event name.
interface WorkerGlobalScopeEventMap {
  fetch: FetchEvent;
}
