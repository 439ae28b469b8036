// npm run deploy:render -- --image registry/repository:tag [--namespace default] [--replicas 2] [--out DIR]
// Writes the SpinApp resources of the four layouts (scripts/lib/kubernetes/
// layouts.ts), one YAML file each, after checking them as far as can be
// done without a cluster.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { layoutProblems } from './lib/kubernetes/check.js';
import { API_TOKEN_SECRET, imageFor, layouts, REDIS_SECRET } from './lib/kubernetes/layouts.js';
import { BUILD_DIR, ROOT } from './lib/project.js';
import { main, parseCommandLine, UserError } from './lib/cli.js';
import { WIRINGS } from './lib/project.js';

const USAGE = 'usage: npm run deploy:render -- --image registry/repository:tag [--namespace default] [--replicas 2] [--out DIR]';

function options(): { image: string; namespace: string; replicas: number; out: string } {
  const { values } = parseCommandLine(
    {
      options: {
        image: { type: 'string' },
        namespace: { type: 'string', default: 'default' },
        replicas: { type: 'string', default: '2' },
        out: { type: 'string', default: join(BUILD_DIR, 'kubernetes') },
      },
    },
    USAGE,
  );
  if (!values.image) throw new UserError(`--image is required: the OCI reference the app is pushed to\n${USAGE}`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.namespace))
    throw new UserError(`--namespace ${values.namespace} is not a Kubernetes namespace name`);
  const replicas = Number(values.replicas);
  if (!Number.isInteger(replicas) || replicas < 1) throw new UserError(`--replicas must be a positive integer, not "${values.replicas}"`);
  return { image: values.image, namespace: values.namespace, replicas, out: values.out };
}

main(async () => {
  const { image, namespace, replicas, out } = options();
  const rendered = layouts({ image, namespace, replicas });
  const problems = (
    await Promise.all(rendered.map(async (layout) => (await layoutProblems(layout)).map((p) => `${layout.name}: ${p}`)))
  ).flat();
  if (problems.length > 0) throw new UserError(`the layouts would not work on a cluster:\n  - ${problems.join('\n  - ')}`);

  await mkdir(out, { recursive: true });
  for (const layout of rendered) {
    const file = join(out, `${layout.name}.yaml`);
    const documents = layout.apps.map(({ resource }) => stringify(resource));
    await writeFile(file, `# ${layout.name}: ${layout.summary}\n---\n${documents.join('---\n')}`);
    console.log(`Wrote ${relative(ROOT, file)}: ${layout.apps.map((a) => a.resource.metadata.name).join(', ')}`);
  }
  console.log('\nPush each wiring as an image (spin registry push --build),');
  for (const wiring of ['chain', 'network', 'wit', 'deps'] as const) {
    console.log(`  spin registry push --build -f ${WIRINGS[wiring]} ${imageFor(image, wiring)}`);
  }
  console.log('then make the two Secrets book-api reads, its token and the Redis its replicas share, and apply one layout:');
  console.log(`  kubectl create secret generic ${API_TOKEN_SECRET.name} --from-literal=${API_TOKEN_SECRET.key}=$(openssl rand -hex 16)`);
  console.log(`  kubectl create secret generic ${REDIS_SECRET.name} --from-literal=${REDIS_SECRET.key}=redis://<host>:6379`);
  console.log(`  kubectl apply -f ${relative(ROOT, join(out, 'together.yaml'))}   # or apart.yaml, composed.yaml, deps.yaml`);
});
