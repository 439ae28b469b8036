// Where each part of the apart layout runs. With namespaces, as pods on one
// node: the load comes from this namespace, the frontend (and the one-pod
// layouts) listen in one namespace, book-api in another, each joined to the
// next by a veth pair, and the proxy that adds the latency sits on the
// frontend's side of the hop. Without, everything on this namespace's loopback.

/** A process's place on the network: the namespace it runs in (this one when none) and the address it listens on. */
export interface Place {
  netns?: string;
  host: string;
}

export interface Topology {
  kind: 'namespaces' | 'loopback';
  /** Why a run is on loopback, for its report. */
  reason?: string;
  /** The frontend, and the together and composed layouts: reached by the load. */
  front: Place;
  /** book-api, apart. */
  api: Place;
  /** The proxies, on the frontend's loopback: the frontend's URL for book-api names them. */
  proxy: Place;
}

const FRONT_NS = 'bookserver-front';
const API_NS = 'bookserver-api';
export const NAMESPACES = [FRONT_NS, API_NS];

/** The veth pair between this namespace and the frontend's, and the pair between the frontend's and book-api's (the hop). */
const LINKS = {
  host: { name: 'bs-host', address: '10.213.1.1/30' },
  front: { name: 'bs-front', address: '10.213.1.2/30' },
  hop: { name: 'bs-hop', address: '10.213.2.1/30' },
  api: { name: 'bs-api', address: '10.213.2.2/30' },
};
const hostOf = (link: { address: string }): string => link.address.split('/')[0];
const API_SUBNET = '10.213.2.0/30';

export const NAMESPACE_TOPOLOGY: Topology = {
  kind: 'namespaces',
  front: { netns: FRONT_NS, host: hostOf(LINKS.front) },
  api: { netns: API_NS, host: hostOf(LINKS.api) },
  proxy: { netns: FRONT_NS, host: '127.0.0.1' },
};

export const loopbackTopology = (reason: string): Topology => ({
  kind: 'loopback',
  reason,
  front: { host: '127.0.0.1' },
  api: { host: '127.0.0.1' },
  proxy: { host: '127.0.0.1' },
});

/**
 * The `ip` commands that make the namespaces, in order. book-api's namespace
 * routes through the frontend's, and this one to book-api's through it too,
 * so that the harness can check book-api's health from here.
 */
export function namespaceSetup(): string[][] {
  const { host, front, hop, api } = LINKS;
  const inFront = ['-n', FRONT_NS];
  const inApi = ['-n', API_NS];
  return [
    ['netns', 'add', FRONT_NS],
    ['netns', 'add', API_NS],
    ['link', 'add', host.name, 'type', 'veth', 'peer', 'name', front.name, 'netns', FRONT_NS],
    ['link', 'add', hop.name, 'netns', FRONT_NS, 'type', 'veth', 'peer', 'name', api.name, 'netns', API_NS],
    ['addr', 'add', host.address, 'dev', host.name],
    ['link', 'set', host.name, 'up'],
    [...inFront, 'addr', 'add', front.address, 'dev', front.name],
    [...inFront, 'addr', 'add', hop.address, 'dev', hop.name],
    ...['lo', front.name, hop.name].map((link) => [...inFront, 'link', 'set', link, 'up']),
    [...inApi, 'addr', 'add', api.address, 'dev', api.name],
    ...['lo', api.name].map((link) => [...inApi, 'link', 'set', link, 'up']),
    [...inApi, 'route', 'add', 'default', 'via', hostOf(hop)],
    ['route', 'add', API_SUBNET, 'via', hostOf(front)],
    ['netns', 'exec', FRONT_NS, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'],
  ];
}

/** The `ip` commands that undo namespaceSetup: each may find its part gone already (a link goes with its namespace). */
export function namespaceTeardown(): string[][] {
  return [['link', 'del', LINKS.host.name], ...NAMESPACES.map((ns) => ['netns', 'del', ns])];
}
