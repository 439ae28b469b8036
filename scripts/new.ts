// npm run new -- <name> [--value parameter=value]... [--output DIR]
// A new app from templates/wit-pair-ts where Spin is not installed: what
// `spin new -t wit-pair-ts <name> --accept-defaults` writes, rendered by
// scripts/lib/spin-template.ts. With Spin, use Spin (README, "Start your own").
import { existsSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { relative, resolve } from 'node:path';
import { main, parseCommandLine, UserError } from './lib/cli.js';
import { run } from './lib/run.js';
import { loadTemplate, renderTemplate, resolveValues } from './lib/spin-template.js';

const TEMPLATE = 'wit-pair-ts';
const USAGE = 'usage: npm run new -- <name> [--value parameter=value]... [--output DIR]';
/** Where the user ran npm, which runs the script from the project's root. */
const CALLED_FROM = process.env.INIT_CWD ?? process.cwd();

function options(): { name: string; values: Record<string, string>; output: string } {
  const { values, positionals } = parseCommandLine(
    { allowPositionals: true, options: { value: { type: 'string', multiple: true, default: [] }, output: { type: 'string' } } },
    USAGE,
  );
  if (positionals.length !== 1) throw new UserError(`give the new app's name, once\n${USAGE}`);
  const given = values.value.map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new UserError(`--value ${pair} is not parameter=value\n${USAGE}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
  const output = resolve(CALLED_FROM, values.output ?? positionals[0]);
  return { name: positionals[0], values: Object.fromEntries(given), output };
}

/** The authors as Spin takes them: git's user.name and user.email, when set. */
async function authors(): Promise<string> {
  const get = (key: string) =>
    run('git', ['config', '--get', key]).then(
      (value) => value.trim(),
      () => '',
    );
  const [name, email] = await Promise.all([get('user.name'), get('user.email')]);
  return email ? `${name} <${email}>` : name;
}

main(async () => {
  const { name, values, output } = options();
  if (existsSync(output) && readdirSync(output).length > 0)
    throw new UserError(`${output} already exists and is not empty; choose another name or --output`);
  const template = await loadTemplate(TEMPLATE);
  const resolved = resolveValues(template, values);
  // Spin's templates cannot tie one parameter to another; the app's build refuses this too.
  if (resolved.wasi === '0.3' && resolved.engine !== 'quickjs')
    throw new UserError(
      `wasi 0.3 needs engine quickjs, not ${resolved.engine}: componentize-js 0.23 cannot build a WASI 0.3 component (--value engine=quickjs)`,
    );
  const files = await renderTemplate(template, output, resolved, {
    'project-name': name,
    authors: await authors(),
    username: userInfo().username,
  });
  const shown = relative(CALLED_FROM, output) || '.';
  console.log(`Created ${shown} from template ${TEMPLATE} (${files.length} files)`);
  for (const [parameter, value] of Object.entries(resolved)) console.log(`  ${parameter}: ${value === '' ? '""' : value}`);
  console.log(`\nNext: cd ${shown} && npm install && npm run build`);
});
