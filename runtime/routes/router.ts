// Spin's HTTP routing: exact routes, `:name` segments and `/...` trailing
// wildcards. When several routes match, the most specific wins, segment by
// segment: a literal beats a `:name`, which beats a wildcard, and an exact
// route beats a wildcard that ends where it does.

/** The routes Spin answers itself, before any of the app's. */
export const WELL_KNOWN_PREFIX = '/.well-known/spin/';

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string };

interface CompiledRoute {
  component: string;
  /** As written in the manifest. */
  raw: string;
  /** Absolute, without a trailing slash: `/` becomes the empty string, as in Spin. */
  based: string;
  segments: Segment[];
  wildcard: boolean;
  /** Compared element by element; higher is more specific. */
  rank: number[];
}

export interface RouteMatch {
  component: string;
  rawRoute: string;
  basedRoute: string;
  /** The rest of the path after a wildcard route's prefix; empty for exact routes. */
  pathInfo: string;
  params: Record<string, string>;
}

const LITERAL = 3;
const PARAM = 2;
const WILDCARD = 1;
const EXACT_END = 4;

function compile(component: string, raw: string): CompiledRoute {
  const absolute = raw.startsWith('/') ? raw : `/${raw}`;
  const based = absolute.endsWith('/') ? absolute.slice(0, -1) : absolute;
  const wildcard = based.endsWith('/...') || based === '/...';
  const prefix = wildcard ? based.slice(0, -'/...'.length) : based;
  const segments: Segment[] = prefix
    .split('/')
    .slice(1)
    .map((text) => (text.startsWith(':') ? { kind: 'param', name: text.slice(1) } : { kind: 'literal', text }));
  const rank = [...segments.map((s) => (s.kind === 'literal' ? LITERAL : PARAM)), wildcard ? WILDCARD : EXACT_END];
  return { component, raw, based, segments, wildcard, rank };
}

function moreSpecific(a: CompiledRoute, b: CompiledRoute): boolean {
  for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) {
    if (a.rank[i] !== b.rank[i]) return a.rank[i] > b.rank[i];
  }
  return a.rank.length > b.rank.length;
}

function matchRoute(route: CompiledRoute, path: string): RouteMatch | undefined {
  const parts = path === '/' ? [] : path.split('/').slice(1);
  if (route.wildcard ? parts.length < route.segments.length : parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of route.segments.entries()) {
    if (segment.kind === 'literal' && segment.text !== parts[i]) return undefined;
    if (segment.kind === 'param') {
      if (!parts[i]) return undefined;
      params[segment.name] = parts[i];
    }
  }
  const prefixLength = route.segments.reduce((length, _, i) => length + 1 + parts[i].length, 0);
  return {
    component: route.component,
    rawRoute: route.raw,
    basedRoute: route.based,
    pathInfo: route.wildcard ? path.slice(prefixLength) : '',
    params,
  };
}

export interface Trigger {
  component: string;
  route: string;
}

export class Router {
  private readonly routes: CompiledRoute[];
  /** Routes written twice: Spin keeps the last, and says so. */
  readonly duplicates: { route: string; ignored: string; effective: string }[] = [];

  /** `triggers` as given: a worker thread builds its own router from them. */
  constructor(readonly triggers: readonly Trigger[]) {
    const byRoute = new Map<string, CompiledRoute>();
    for (const trigger of triggers) {
      const route = compile(trigger.component, trigger.route);
      const earlier = byRoute.get(route.based);
      if (earlier) this.duplicates.push({ route: trigger.route, ignored: earlier.component, effective: trigger.component });
      byRoute.set(route.based, route);
    }
    this.routes = [...byRoute.values()];
  }

  match(path: string): RouteMatch | undefined {
    // `*` (as in OPTIONS *) and any other target that is not a path match no route.
    if (!path.startsWith('/')) return undefined;
    let best: { route: CompiledRoute; match: RouteMatch } | undefined;
    for (const route of this.routes) {
      const match = matchRoute(route, path);
      if (match && (!best || moreSpecific(route, best.route))) best = { route, match };
    }
    return best?.match;
  }

  /** Component and route pairs, in manifest order, for the start-up listing. */
  list(): { component: string; route: string; wildcard: boolean }[] {
    return this.routes.map((r) => ({ component: r.component, route: r.wildcard ? r.based.slice(0, -4) : r.based, wildcard: r.wildcard }));
  }
}

/** The match Spin synthesises for a chained request: the whole path is the path info. */
export function chainedMatch(component: string, path: string): RouteMatch {
  return { component, rawRoute: '/...', basedRoute: '/...', pathInfo: path, params: {} };
}
