// `npm start`: build the pages and bundles, then run the one local process (emulator, TURN server,
// token endpoint and demo) on PORT (default 8080). A missing coturn is installed as for the tests
// (as root); otherwise the stack runs without TURN and its banner says so plainly.
import { spawnSync, spawn } from 'node:child_process';

const coturn = spawnSync(process.execPath, ['scripts/ensure-coturn.mjs'], { stdio: 'inherit' });
if (coturn.status !== 0) {
  console.error('Going on WITHOUT a TURN server: calls will not be relayed as in production.');
}
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
