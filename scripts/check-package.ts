// `npm run test:package` (after `npm run build`): the tarball `npm pack` makes, as the registry
// would get it. It carries the licences and nothing that is only for tests, and publint and
// arethetypeswrong (ESM-only profile: the widget is a browser module) find nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = (command: string, args: string[], cwd = root) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const out = mkdtempSync(join(tmpdir(), 'connect-video-pack-'));
const problems: string[] = [];
try {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out])) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  const files = packed!.files.map((file) => file.path);
  for (const required of [
    'LICENSE',
    'package.json',
    'README.md',
    'dist/npm/index.js',
    'dist/npm/index.d.ts',
    'dist/npm/THIRD-PARTY-LICENSES.txt',
    'dist/widget/connect-video.js',
    'dist/widget/connect-video-embed.js',
    'dist/widget/THIRD-PARTY-LICENSES.txt',
  ])
    if (!files.includes(required)) problems.push(`the tarball lacks ${required}`);
  const testOnly = files.filter((file) =>
    /(^|\/)(fixtures|e2e|__tests__)\/|\.(test|spec)\.|\.html$|\.tsx?$(?<!\.d\.ts$)/.test(file),
  );
  for (const file of testOnly)
    problems.push(`the tarball carries ${file}, which is only for tests`);
  console.log(
    `${packed!.filename}: ${files.length} files, ${(packed!.size / 1024).toFixed(0)} KB packed, ` +
      `${(packed!.unpackedSize / 1024).toFixed(0)} KB unpacked`,
  );
  const tarball = join(out, packed!.filename);
  for (const [tool, args] of [
    ['publint', ['publint', '--strict', '--pack', 'npm']],
    ['attw', ['attw', tarball, '--profile', 'esm-only', '--format', 'ascii']],
  ] as const) {
    try {
      console.log(run('npx', ['--no-install', ...args]).trim());
    } catch (error) {
      problems.push(`${tool} found problems (exit ${(error as { status: number }).status})`);
      console.log((error as { stdout: string }).stdout);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (problems.length) {
  console.error(problems.map((problem) => `✘ ${problem}`).join('\n'));
  process.exit(1);
}
console.log('✓ the package is as a registry should get it');
