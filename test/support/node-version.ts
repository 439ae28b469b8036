// What the launcher's tests read back: the Node that ran this, the arguments
// it got and the first directory on PATH; it exits with the first argument.
import { delimiter } from 'node:path';

const [code = '0', ...rest] = process.argv.slice(2);
console.log(JSON.stringify({ version: process.version, args: [code, ...rest], path: process.env.PATH?.split(delimiter)[0] }));
process.exitCode = Number(code);
