import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCloudFormationYaml } from '../testing/read-cloudformation-yaml.js';
import { samEsbuildArgs } from '../testing/sam-esbuild-args.js';
import {
  startSecretsManagerFixture,
  type SecretsManagerFixture,
} from '../testing/secrets-manager-fixture.js';
import { HANDLE_SECRET, SHOP_ORIGIN } from '../testing/start-test-endpoint.js';

/**
 * What `sam build` makes of the template, without SAM: esbuild run with exactly the template's
 * BuildProperties as SAM passes them, from the CodeUri directory, into an empty directory (a
 * Lambda artifact has no node_modules), then the bundle loaded by a separate Node process and
 * invoked once, reading its secret from a Secrets Manager stand-in through the bundled client.
 */
const run = promisify(execFile);
const SESSION_ARN = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:widget/handle-AbCdEf';

let outdir: string;
let secrets: SecretsManagerFixture;
let fn: Record<string, unknown>;
let build: Record<string, unknown>;
let inputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
/** The CodeUri directory, where esbuild runs, by its real path. */
let codeDir: string;

beforeAll(async () => {
  const templateUrl = new URL('./template.yaml', import.meta.url);
  const template = await readCloudFormationYaml(await readFile(templateUrl, 'utf8'));
  const resource = (template.Resources as Record<string, Record<string, unknown>>).TokenFunction!;
  fn = resource.Properties as Record<string, unknown>;
  build = (resource.Metadata as Record<string, unknown>).BuildProperties as Record<string, unknown>;
  outdir = await mkdtemp(join(tmpdir(), 'token-lambda-'));
  secrets = await startSecretsManagerFixture({ [SESSION_ARN]: { SecretString: HANDLE_SECRET } });

  // The metafile's paths are relative to esbuild's working directory as Go's os.Getwd gives it,
  // which prefers $PWD when that names the same directory: both are made its real path.
  codeDir = await realpath(fileURLToPath(new URL(`${fn.CodeUri as string}`, import.meta.url)));
  const esbuild = createRequire(import.meta.url).resolve('esbuild/bin/esbuild');
  // --metafile only writes down what went into the bundle; the bundle itself is SAM's.
  const metafile = `${outdir}.meta.json`;
  await run(esbuild, [...samEsbuildArgs(build, outdir), `--metafile=${metafile}`], {
    cwd: codeDir,
    env: { ...process.env, PWD: codeDir },
  });
  inputs = (JSON.parse(await readFile(metafile, 'utf8')) as { inputs: typeof inputs }).inputs;
  await rm(metafile);
});
afterAll(async () => {
  await secrets.close();
  await rm(outdir, { recursive: true, force: true });
});

describe('the Lambda bundle that sam build makes', () => {
  it('is lambda.mjs, and answers from a separate Node process with no node_modules', async () => {
    // Handler `lambda.handler`: Lambda loads lambda.mjs (OutExtension) from the artifact's root.
    const [file, exported] = (fn.Handler as string).split('.');
    const bundle = join(outdir, `${file}.mjs`);
    expect(existsSync(bundle)).toBe(true);
    expect((await stat(bundle)).size).toBeLessThan(5 * 1024 * 1024);

    const event = {
      version: '2.0',
      rawPath: '/api/health',
      headers: { origin: SHOP_ORIGIN },
      requestContext: { http: { method: 'GET', sourceIp: '198.51.100.7' } },
    };
    const script = `
      const lambda = await import(process.argv[1]);
      const result = await lambda[process.argv[2]](JSON.parse(process.argv[3]));
      console.log(JSON.stringify(result));
    `;
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        script,
        pathToFileURL(bundle).href,
        exported!,
        JSON.stringify(event),
      ],
      {
        cwd: outdir,
        env: {
          PATH: process.env.PATH,
          // What Lambda sets, with dummy credentials; the SDK's own endpoint override for the service.
          AWS_REGION: 'eu-west-2',
          AWS_ACCESS_KEY_ID: 'AKIDTEST',
          AWS_SECRET_ACCESS_KEY: 'test-secret',
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
          CONNECT_INSTANCE_ID: 'instance-1234',
          CONNECT_CONTACT_FLOW_ID: 'flow-5678',
          ALLOWED_ORIGINS: SHOP_ORIGIN,
          SESSION_HANDLE_SECRET_ARN: SESSION_ARN,
        },
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { statusCode: number };
    expect(result.statusCode).toBe(200);
    expect(secrets.reads).toEqual([SESSION_ARN]);
  });

  it('finds every package it imports installed by the build (npm ci, devDependencies too)', async () => {
    // Without UseNpmCi, sam build installs with `npm install --omit=dev` (aws-lambda-builders'
    // NodejsNpmInstallAction); the server's packages are devDependencies, so they would be missing.
    expect(build.UseNpmCi).toBe(true);
    // Every package its own code imports, and their peers (which npm leaves to us) it bundled.
    const manifest = async (name = '') =>
      JSON.parse(
        await readFile(
          new URL(`../../../${name && `node_modules/${name}/`}package.json`, import.meta.url),
          'utf8',
        ),
      ) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    // esbuild follows symlinks: where node_modules is one (a git worktree sharing another's), the
    // metafile names its files by their real path, outside the CodeUri directory.
    const nodeModules = await realpath(
      fileURLToPath(new URL('../../../node_modules/', import.meta.url)),
    );
    const packageOf = (path: string) => {
      const inside = relative(nodeModules, resolve(codeDir, path));
      if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
      return /^((?:@[^/]+\/)?[^/]+)\//.exec(inside)?.[1];
    };
    const bundled = new Set(Object.keys(inputs).map(packageOf));
    const direct = new Set(
      Object.entries(inputs)
        .filter(([path]) => packageOf(path) === undefined)
        .flatMap(([, input]) => input.imports)
        .filter((entry) => !entry.external)
        .map((entry) => packageOf(entry.path))
        .filter((name) => name !== undefined),
    );
    const needed = new Set(direct);
    for (const name of direct) {
      for (const peer of Object.keys((await manifest(name)).peerDependencies ?? {})) {
        if (bundled.has(peer)) needed.add(peer);
      }
    }
    expect([...needed].sort()).toEqual(
      [
        '@aws-lambda-powertools/parameters',
        '@aws-sdk/client-connect',
        '@aws-sdk/client-connectparticipant',
        '@aws-sdk/client-dynamodb',
        '@aws-sdk/client-secrets-manager',
        'jose',
      ].sort(),
    );
    const { dependencies = {}, devDependencies = {} } = (await manifest()) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    for (const name of needed)
      expect({ ...dependencies, ...devDependencies }, name).toHaveProperty([name]);
  });
});
