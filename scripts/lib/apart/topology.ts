// Where each part of the apart layout runs. With namespaces, as pods on one
// node: the load comes from this namespace, the frontend (and the one-pod
// layouts) listen in one namespace, book-api in another, each joined to the
// next by a veth pair, and the proxy that adds the latency sits on the
// frontend's side of the hop. Without, everything on this namespace's loopback.
// bench:replicas puts three namespaces behind the frontend's the same way.

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
/** book-api's namespace in bench:apart, and the first replica's in bench:replicas. */
const API_NS = 'bookserver-api';
/** The namespaces behind the frontend's: book-api's alone for bench:apart. */
export const APART_BEHIND = [API_NS];
/** Two book-api replicas' and their Redis server's, for bench:replicas. */
export const REPLICAS_BEHIND = [API_NS, 'bookserver-api-b', 'bookserver-redis'];

/** The veth pair between this namespace and the frontend's. */
const HOST_LINK = { host: { name: 'bs-host', address: '10.213.1.1/30' }, front: { name: 'bs-front', address: '10.213.1.2/30' } };
const hostOf = (address: string): string => address.split('/')[0];

/** The veth pair between the frontend's namespace and the `index`th behind it: a /30 of its own. */
function behindLink(index: number) {
  const subnet = `10.213.${2 + index}`;
  return {
    subnet: `${subnet}.0/30`,
    front: { name: `bs-hop${index}`, address: `${subnet}.1/30` },
    behind: { name: `bs-behind${index}`, address: `${subnet}.2/30` },
  };
}

/** Where a server in the `index`th namespace behind the frontend's listens. */
export const placeBehind = (behind: readonly string[], index: number): Place => ({
  netns: behind[index],
  host: hostOf(behindLink(index).behind.address),
});

export const namespacesOf = (behind: readonly string[]): string[] => [FRONT_NS, ...behind];
/** Every namespace behind the frontend's that either benchmark makes (bench:replicas's include bench:apart's): what a run removes when an earlier one left any. */
export const EVERY_BEHIND = REPLICAS_BEHIND;

export const NAMESPACE_TOPOLOGY: Topology = {
  kind: 'namespaces',
  front: { netns: FRONT_NS, host: hostOf(HOST_LINK.front.address) },
  api: placeBehind(APART_BEHIND, 0),
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
 * The `ip` commands that make the namespaces, in order: the frontend's, joined
 * to this one, and each of `behind` joined to the frontend's. Those behind
 * route through the frontend's, and this one to them through it too, so that
 * the harness can reach them from here.
 */
export function namespaceSetup(behind: readonly string[]): string[][] {
  const inFront = ['-n', FRONT_NS];
  const links = behind.map((_, index) => behindLink(index));
  return [
    ...namespacesOf(behind).map((ns) => ['netns', 'add', ns]),
    ['link', 'add', HOST_LINK.host.name, 'type', 'veth', 'peer', 'name', HOST_LINK.front.name, 'netns', FRONT_NS],
    ['addr', 'add', HOST_LINK.host.address, 'dev', HOST_LINK.host.name],
    ['link', 'set', HOST_LINK.host.name, 'up'],
    [...inFront, 'addr', 'add', HOST_LINK.front.address, 'dev', HOST_LINK.front.name],
    ...['lo', HOST_LINK.front.name].map((link) => [...inFront, 'link', 'set', link, 'up']),
    ...behind.flatMap((ns, index) => {
      const link = links[index];
      const inBehind = ['-n', ns];
      return [
        ['link', 'add', link.front.name, 'netns', FRONT_NS, 'type', 'veth', 'peer', 'name', link.behind.name, 'netns', ns],
        [...inFront, 'addr', 'add', link.front.address, 'dev', link.front.name],
        [...inFront, 'link', 'set', link.front.name, 'up'],
        [...inBehind, 'addr', 'add', link.behind.address, 'dev', link.behind.name],
        ...['lo', link.behind.name].map((name) => [...inBehind, 'link', 'set', name, 'up']),
        [...inBehind, 'route', 'add', 'default', 'via', hostOf(link.front.address)],
        ['route', 'add', link.subnet, 'via', hostOf(HOST_LINK.front.address)],
      ];
    }),
    ['netns', 'exec', FRONT_NS, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'],
  ];
}

/** The `ip` commands that undo namespaceSetup: each may find its part gone already (a link goes with its namespace). */
export function namespaceTeardown(behind: readonly string[]): string[][] {
  return [['link', 'del', HOST_LINK.host.name], ...namespacesOf(behind).map((ns) => ['netns', 'del', ns])];
}
