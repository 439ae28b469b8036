// `allowed_outbound_hosts`, as Spin defines it: `scheme://host:port`, where
// the scheme may be `*`, the host `*`, `*.domain`, a name, an IP address, an
// IPv4 CIDR range or `self`, and the port `*`, a number or a range `a..b`
// (end excluded); without a port, the scheme's default port.
import { isIP, isIPv6 } from 'node:net';

export const CHAINING_SUFFIX = '.spin.internal';

type HostRule =
  | { kind: 'any' }
  | { kind: 'self' }
  | { kind: 'subdomain'; suffix: string }
  | { kind: 'name'; name: string }
  | { kind: 'cidr'; network: number; mask: number };

type PortRule = { kind: 'any' } | { kind: 'range'; from: number; to: number };

export interface AllowedHost {
  /** As written in the manifest, for messages. */
  original: string;
  scheme: string;
  host: HostRule;
  port: PortRule;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, redis: 6379, mysql: 3306, postgres: 5432, mqtt: 1883 };

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

// What a URL host may not contain (the WHATWG URL standard's forbidden host code points, as Spin's parser applies them).
const FORBIDDEN_IN_HOST = /[\s#%/:<>?@[\\\]^|]/;

/** A domain name or IPv4 address as a URL host, or an IPv6 address (its brackets removed). */
const isHost = (host: string): boolean => isIPv6(host) || !FORBIDDEN_IN_HOST.test(host);

function parseHost(host: string): HostRule {
  if (host === '*') return { kind: 'any' };
  if (host === 'self' || host === 'self.alt') return { kind: 'self' };
  const cidr = host.match(/^([\d.]+)\/(\d{1,2})$/);
  if (cidr) {
    const address = ipv4(cidr[1]);
    const bits = Number(cidr[2]);
    if (address === undefined || bits > 32) throw new Error(`"${host}" is not an IPv4 CIDR range`);
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return { kind: 'cidr', network: (address & mask) >>> 0, mask };
  }
  if (host.includes('/')) throw new Error('a host must not include a path');
  if (host.startsWith('*.')) {
    const domain = host.slice(2);
    if (domain.includes('*') || !domain) throw new Error('wildcards are allowed only as the first label, as in *.example.com');
    if (!isHost(domain) || isIP(domain)) throw new Error(`"${domain}" after *. is not a domain name`);
    return { kind: 'subdomain', suffix: `.${domain.toLowerCase()}` };
  }
  if (host.includes('*')) throw new Error('wildcards are allowed only as the first label, as in *.example.com');
  if (!host) throw new Error('the host is empty');
  if (!isHost(host)) throw new Error(`"${host}" is not a host name or IP address`);
  return { kind: 'name', name: host.toLowerCase() };
}

function parsePort(port: string, scheme: string): PortRule {
  if (port === '*') return { kind: 'any' };
  if (port === '') {
    const known = DEFAULT_PORTS[scheme];
    if (known === undefined) throw new Error(`no port is given and the scheme "${scheme}" has no default port`);
    return { kind: 'range', from: known, to: known + 1 };
  }
  const range = port.match(/^(\d+)\.\.(\d+)$/);
  if (range) {
    if (Number(range[1]) > 65535 || Number(range[2]) > 65535) throw new Error(`port range "${port}" goes past 65535`);
    return { kind: 'range', from: Number(range[1]), to: Number(range[2]) };
  }
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error(`port "${port}" is not a port number (0 to 65535)`);
  return { kind: 'range', from: Number(port), to: Number(port) + 1 };
}

/** Parses one entry; the error says what is wrong with it. */
export function parseAllowedHost(entry: string): AllowedHost {
  const trimmed = entry.trim();
  const schemeEnd = trimmed.indexOf('://');
  if (schemeEnd < 0) {
    throw new Error(
      `"${entry}" has no scheme: write <scheme>://<host>[:<port>], such as http://example.com (use *://*:* to allow everything)`,
    );
  }
  const scheme = trimmed.slice(0, schemeEnd);
  if (scheme !== '*' && !/^[a-z]+$/i.test(scheme)) throw new Error(`"${entry}": the scheme must be letters or *`);
  const rest = trimmed.slice(schemeEnd + 3).replace(/\/$/, '');
  // The port follows the last colon, or the closing bracket of an IPv6 address.
  const bracketed = rest.match(/^\[([^\]]+)\](?::(.*))?$/);
  const colon = rest.lastIndexOf(':');
  const [host, port] = bracketed
    ? [bracketed[1], bracketed[2] ?? '']
    : colon < 0
      ? [rest, '']
      : [rest.slice(0, colon), rest.slice(colon + 1)];
  try {
    return { original: entry, scheme: scheme.toLowerCase(), host: parseHost(host), port: parsePort(port, scheme.toLowerCase()) };
  } catch (error) {
    throw new Error(`"${entry}": ${(error as Error).message}`);
  }
}

function hostAllows(rule: HostRule, host: string): boolean {
  const name = host.toLowerCase();
  switch (rule.kind) {
    case 'any':
      return true;
    case 'self':
      return false;
    case 'subdomain':
      return name.endsWith(rule.suffix);
    case 'name':
      return name === rule.name;
    case 'cidr': {
      const address = ipv4(name);
      return address !== undefined && (address & rule.mask) >>> 0 === rule.network;
    }
  }
}

/** Whether `url` (absolute) may be requested by a component with these entries. */
export function allowsUrl(allowed: readonly AllowedHost[], url: URL): boolean {
  const scheme = url.protocol.replace(/:$/, '');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[scheme];
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return allowed.some(
    (rule) =>
      (rule.scheme === '*' || rule.scheme === scheme) &&
      hostAllows(rule.host, host) &&
      (rule.port.kind === 'any' || (port !== undefined && port >= rule.port.from && port < rule.port.to)),
  );
}

/** The component a `<id>.spin.internal` host names, if it is one. */
export function chainingTarget(host: string): string | undefined {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  if (!name.endsWith(CHAINING_SUFFIX)) return undefined;
  const id = name.slice(0, -CHAINING_SUFFIX.length);
  return id && !id.includes('.') ? id : undefined;
}

/** The components these entries let a component chain to: named ones, or all of them (`*.spin.internal`). */
export function chainingGrants(allowed: readonly AllowedHost[]): { all: boolean; ids: string[] } {
  const ids = allowed.flatMap((rule) =>
    rule.host.kind === 'name' ? [chainingTarget(rule.host.name)].filter((id): id is string => id !== undefined) : [],
  );
  return { all: allowed.some((rule) => rule.host.kind === 'subdomain' && rule.host.suffix === CHAINING_SUFFIX), ids };
}

/**
 * Service chaining to `target` needs an entry that names `target.spin.internal`
 * or `*.spin.internal` (any scheme; the port does not matter). A catch-all
 * host (`*`) or `self` does not grant it.
 */
export function allowsChaining(allowed: readonly AllowedHost[], target: string): boolean {
  const host = `${target}${CHAINING_SUFFIX}`;
  return allowed.some(
    (rule) =>
      (rule.host.kind === 'name' && rule.host.name === host) || (rule.host.kind === 'subdomain' && rule.host.suffix === CHAINING_SUFFIX),
  );
}
