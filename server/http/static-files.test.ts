import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, type RunningApp } from '../app.js';
import { staticFiles } from './static-files.js';

describe('staticFiles', () => {
  let root: string;
  let app: RunningApp;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'static-'));
    await mkdir(join(root, 'public'));
    await writeFile(join(root, 'public', 'index.html'), '<h1>hi</h1>');
    await writeFile(join(root, 'secret.txt'), 'secret');
    app = await listen({ routes: [staticFiles(join(root, 'public'))] }, 0);
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true });
  });

  it('serves index.html for a directory with its content type', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toBe('<h1>hi</h1>');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt'])(
    'never serves a file outside its root: %s',
    async (path) => {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('secret');
    },
  );
});
