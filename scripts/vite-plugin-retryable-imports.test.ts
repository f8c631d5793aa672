import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { HELPER, HELPER_SOURCE, retryableImportsCode } from './vite-plugin-retryable-imports';

describe('retryableImportsCode', () => {
  it("sends each of the chunk's dynamic imports through the helper, relative to its folder", () => {
    const code = [
      'import { a } from "./chunks/devices-X.js";',
      'const media = () => import("./chunks/media-module-X.js");',
      "const es = () => import('./chunks/es-ES-X.js');",
    ].join('\n');
    const result = retryableImportsCode(code, 'connect-video-embed.js', [
      'chunks/media-module-X.js',
      'chunks/es-ES-X.js',
    ])!.toString();
    expect(result).toBe(
      HELPER_SOURCE +
        [
          'import { a } from "./chunks/devices-X.js";',
          `const media = () => ${HELPER}("./chunks/media-module-X.js");`,
          `const es = () => ${HELPER}("./chunks/es-ES-X.js");`,
        ].join('\n'),
    );
    expect(
      retryableImportsCode('await import(`./dtmf-X.js`)', 'chunks/media-module-X.js', [
        'chunks/dtmf-X.js',
      ])!.toString(),
    ).toBe(`${HELPER_SOURCE}await ${HELPER}("./dtmf-X.js")`);
  });

  it('leaves a chunk without dynamic imports alone, and fails when an import is not found', () => {
    expect(retryableImportsCode('export const a = 1;', 'chunks/de-DE-X.js', [])).toBeUndefined();
    expect(() =>
      retryableImportsCode('const m = () => import(x);', 'connect-video-embed.js', [
        'chunks/media-module-X.js',
      ]),
    ).toThrow('no import() of ./chunks/media-module-X.js');
  });
});

describe('the helper, run as a module by Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retryable-imports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a chunk that failed under a fresh URL, then keeps the URL that loaded', () => {
    writeFileSync(
      join(dir, 'entry.mjs'),
      retryableImportsCode('export const load = () => import("./chunks/late.mjs");', 'entry.mjs', [
        'chunks/late.mjs',
      ])!.toString(),
    );
    // In a process of its own: Vitest's module runner would handle the import() itself.
    writeFileSync(
      join(dir, 'drive.mjs'),
      `import { mkdirSync, writeFileSync } from 'node:fs';
      const { load } = await import('./entry.mjs');
      const seen = [];
      // Not there yet (a deploy in progress, a network failure).
      await load().then(() => seen.push('loaded'), () => seen.push('failed'));
      mkdirSync(new URL('./chunks/', import.meta.url));
      writeFileSync(new URL('./chunks/late.mjs', import.meta.url), 'export const url = import.meta.url;');
      const first = await load();
      seen.push(first.url, (await load()) === first);
      console.log(JSON.stringify(seen));`,
    );
    const run = spawnSync(process.execPath, [join(dir, 'drive.mjs')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const [before, url, same] = JSON.parse(run.stdout) as [string, string, boolean];
    expect(before).toBe('failed');
    expect(url).toMatch(/\/chunks\/late\.mjs\?retry=\d+$/);
    // Imported again (the next call): the same module, not a second copy.
    expect(same).toBe(true);
  });
});
