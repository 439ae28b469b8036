// npm run up -- [--wiring WIRING | -f spin.toml] [--listen 127.0.0.1:3000] [--component-id ID]...
import { main } from './lib/cli.js';
import { up } from './lib/up.js';

main(() => up(process.argv.slice(2)));
