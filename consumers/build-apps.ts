// `npm run test:consumers`, first half (after `npm run build`): packs the package as `npm publish`
// would, then installs the tarball into each consumer app (a copy under .scratch/consumers, with
// the app's own package.json and bundler config, nothing of the project's build) and builds it.
// A build that fails, or that warns about Node built-ins, fails the run.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONSUMER_APPS, WORK_DIR, type ConsumerApp } from './apps';

const root = resolve(import.meta.dirname, '..');
/** What bundlers say when a package reaches for Node's modules in a browser build. */
const NODE_BUILTIN_WARNING =
  /node:[a-z]|externalized for browser compatibility|Could not resolve "(fs|path|os|crypto|http|https|stream|child_process)"|Module not found|polyfill|built-?in module/i;

function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.once('error', fail);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) done({ ms, output });
      else fail(new Error(`${command} ${args.join(' ')} in ${cwd} exited ${code}:\n${output}`));
    });
  });
}

if (!existsSync(join(root, 'dist/npm/index.js')))
  throw new Error('dist/npm is missing: run `npm run build` first.');
rmSync(WORK_DIR, { recursive: true, force: true });
mkdirSync(WORK_DIR, { recursive: true });
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', WORK_DIR], {
    cwd: root,
    encoding: 'utf8',
  }),
) as { filename: string }[];
const tarball = join(WORK_DIR, packed!.filename);

async function install(app: ConsumerApp): Promise<string> {
  const dir = join(WORK_DIR, app.name);
  cpSync(join(root, 'consumers', app.name), dir, {
    recursive: true,
    filter: (source) => !/node_modules|[/\\](dist|out|\.next)$/.test(source),
  });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  // What `npm install ../connect-video-widget-<version>.tgz` writes, as a user would.
  manifest.dependencies = { ...manifest.dependencies, 'connect-video-widget': `file:${tarball}` };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return dir;
}

const results: { name: string; buildMs: number }[] = [];
// Installs wait on the registry, so they run side by side; builds take the CPU, so one at a time.
const installed = await Promise.all(CONSUMER_APPS.map(install));
let failed = false;
for (const [index, app] of CONSUMER_APPS.entries()) {
  const dir = installed[index]!;
  const { ms, output } = await run('npm', ['run', 'build'], dir).catch((error: Error) => ({
    ms: NaN,
    output: error.message,
  }));
  const warnings = output.split('\n').filter((line) => NODE_BUILTIN_WARNING.test(line));
  const built = existsSync(join(dir, app.out, 'index.html'));
  failed ||= warnings.length > 0 || !built;
  console.log(
    `${warnings.length || !built ? '✘' : '✓'} ${app.name.padEnd(11)} built in ${(ms / 1000).toFixed(1)} s  (${app.title})`,
  );
  for (const warning of warnings) console.log(`    ${warning.trim()}`);
  if (!built) console.log(`    no ${app.out}/index.html after the build:\n${output}`);
  results.push({ name: app.name, buildMs: Math.round(ms) });
}
writeFileSync(join(WORK_DIR, 'builds.json'), `${JSON.stringify(results, null, 2)}\n`);
if (failed) process.exit(1);
