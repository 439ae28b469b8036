// How bookserver runs on SpinKube: SpinApp resources for four layouts, each
// from the Spin manifest of a wiring, pushed as an OCI image of its own.
//
//   together  the chain app as one SpinApp: every component in every pod,
//             book-api private, reached by service chaining
//   apart     the network app twice, selected with `components`: book-api
//             alone, public inside the cluster; the frontend alone, told
//             book-api's Service address through the `api_origin` variable
//   composed  the wit app as one SpinApp: book-api inside the frontend,
//             composed ahead of time with wac
//   deps      the deps app as one SpinApp: `spin registry push` composes
//             book-api into the frontend as it pushes (its default,
//             `--compose`), deny adapter included, so the cluster runs one
//             component, as in composed
// Every SpinApp that runs book-api takes its `api_token` from a Secret the
// cluster's operator makes (API_TOKEN_SECRET), never from the rendered files,
// and keeps the books in one Redis for all its replicas, its URL from another
// Secret (REDIS_SECRET): Spin's default store, a SQLite file in each pod,
// would give each replica a catalogue of its own.
import { UserError } from '../cli.js';
import type { Wiring } from '../project.js';

export const SPINAPP_API_VERSION = 'core.spinkube.dev/v1alpha1';
/** The executor spin-operator's quick start installs: containerd-shim-spin. */
export const EXECUTOR = 'containerd-shim-spin';

export interface SpinAppResource {
  apiVersion: typeof SPINAPP_API_VERSION;
  kind: 'SpinApp';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    image: string;
    executor: string;
    replicas: number;
    components?: string[];
    variables?: SpinVariable[];
    runtimeConfig?: { keyValueStores: KeyValueStore[] };
  };
}

/** A key-value store of a SpinApp's runtime config: Spin's `[key_value_store.<name>]`, its options from a Secret. */
export interface KeyValueStore {
  name: string;
  type: string;
  options: { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }[];
}

/** A Spin variable of a SpinApp: a value, or a key of a Secret. */
export type SpinVariable = { name: string; value: string } | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

/** The Secret book-api's token is read from: `kubectl create secret generic bookserver-api-token --from-literal=token=...`. */
export const API_TOKEN_SECRET = { name: 'bookserver-api-token', key: 'token' } as const;

const apiToken: SpinVariable = { name: 'api_token', valueFrom: { secretKeyRef: { ...API_TOKEN_SECRET } } };

/** The Secret the shared store's address is read from: `kubectl create secret generic bookserver-redis --from-literal=url=redis://...`. */
export const REDIS_SECRET = { name: 'bookserver-redis', key: 'url' } as const;

/** What every SpinApp that runs book-api is given: its token, and the store all its replicas share. */
const bookApi: Partial<SpinAppResource['spec']> = {
  variables: [apiToken],
  runtimeConfig: {
    keyValueStores: [{ name: 'default', type: 'redis', options: [{ name: 'url', valueFrom: { secretKeyRef: { ...REDIS_SECRET } } }] }],
  },
};

export type LayoutName = 'together' | 'apart' | 'composed' | 'deps';

export interface Layout {
  name: LayoutName;
  summary: string;
  /** Each SpinApp with the wiring whose manifest its image carries. */
  apps: { wiring: Wiring; resource: SpinAppResource }[];
}

export interface RenderOptions {
  /** `registry/repository:tag`; each wiring's image is tagged `<tag>-<wiring>`. */
  image: string;
  namespace: string;
  replicas: number;
}

/** Splits `registry/repository:tag`; a tag is required, as it is extended per wiring. */
export function parseImage(ref: string): { repository: string; tag: string } {
  if (ref.includes('@')) throw new UserError(`--image ${ref}: give a tag, not a digest; each wiring's image is tagged <tag>-<wiring>`);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon <= slash)
    throw new UserError(`--image ${ref} has no tag; write it as registry/repository:tag, such as example.test/bookserver:0.1.0`);
  const [repository, tag] = [ref.slice(0, colon), ref.slice(colon + 1)];
  if (!repository || !/^[\w][\w.-]{0,100}$/.test(tag)) throw new UserError(`--image ${ref}: "${tag}" is not a valid tag`);
  return { repository, tag };
}

export const imageFor = (ref: string, wiring: Wiring): string => {
  const { repository, tag } = parseImage(ref);
  return `${repository}:${tag}-${wiring}`;
};

/** The in-cluster address of the Service spin-operator creates for a SpinApp: its name, port 80. */
export const serviceOrigin = (name: string, namespace: string): string => `http://${name}.${namespace}.svc.cluster.local`;

function spinApp(
  name: string,
  layout: LayoutName,
  image: string,
  options: RenderOptions,
  extra: Partial<SpinAppResource['spec']> = {},
): SpinAppResource {
  return {
    apiVersion: SPINAPP_API_VERSION,
    kind: 'SpinApp',
    metadata: {
      name,
      namespace: options.namespace,
      labels: { 'app.kubernetes.io/part-of': 'bookserver', 'bookserver.dev/layout': layout },
    },
    spec: { image, executor: EXECUTOR, replicas: options.replicas, ...extra },
  };
}

export function layouts(options: RenderOptions): Layout[] {
  const api = 'bookserver-book-api';
  return [
    {
      name: 'together',
      summary: 'the chain app as one SpinApp; book-api is private and reached by service chaining inside each pod',
      apps: [
        {
          wiring: 'chain',
          resource: spinApp('bookserver', 'together', imageFor(options.image, 'chain'), options, bookApi),
        },
      ],
    },
    {
      name: 'apart',
      summary: "book-api and the frontend as two SpinApps from the network app's image; the frontend reaches book-api's Service",
      apps: [
        {
          wiring: 'network',
          resource: spinApp(api, 'apart', imageFor(options.image, 'network'), options, { components: ['book-api'], ...bookApi }),
        },
        {
          wiring: 'network',
          resource: spinApp('bookserver-frontend', 'apart', imageFor(options.image, 'network'), options, {
            components: ['frontend'],
            // One variable moves both the frontend's book_api_url and its allowed_outbound_hosts entry. Spin requires
            // every required variable of the app, in a selection of its components too: the token, which no component here reads.
            variables: [{ name: 'api_origin', value: serviceOrigin(api, options.namespace) }, apiToken],
          }),
        },
      ],
    },
    {
      name: 'composed',
      summary: 'the wit app as one SpinApp; book-api is composed into the frontend',
      apps: [{ wiring: 'wit', resource: spinApp('bookserver', 'composed', imageFor(options.image, 'wit'), options, bookApi) }],
    },
    {
      name: 'deps',
      summary: 'the deps app as one SpinApp; spin registry push composed book-api into the frontend, so each pod runs one component',
      apps: [{ wiring: 'deps', resource: spinApp('bookserver', 'deps', imageFor(options.image, 'deps'), options, bookApi) }],
    },
  ];
}
