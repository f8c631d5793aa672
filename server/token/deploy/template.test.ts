import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { TOKEN_ENDPOINT_VARIABLES } from '../config.js';
import * as lambda from '../lambda.js';
import { readCloudFormationYaml } from '../testing/read-cloudformation-yaml.js';

type Node = Record<string, unknown>;
let template: Node;
const resources = () => template.Resources as Record<string, Node & { Type: string }>;
const fn = () => resources().TokenFunction!.Properties as Node;

beforeAll(async () => {
  template = await readCloudFormationYaml(
    await readFile(new URL('./template.yaml', import.meta.url), 'utf8'),
  );
});

/**
 * AWS Lambda's Node.js runtimes with the dates AWS documents for them in the Lambda developer guide,
 * "Building Lambda functions with Node.js" (docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html,
 * read 30 November 2026). After `blockCreate` a deployment can no longer create the function. A
 * runtime missing here fails the test: add it with AWS's dates rather than guess.
 */
const LAMBDA_NODE_RUNTIMES: Record<
  string,
  { node: number; deprecated: string; blockCreate: string; blockUpdate: string }
> = {
  'nodejs24.x': {
    node: 24,
    deprecated: '2028-04-30',
    blockCreate: '2028-06-01',
    blockUpdate: '2028-07-01',
  },
  'nodejs22.x': {
    node: 22,
    deprecated: '2027-04-30',
    blockCreate: '2027-06-01',
    blockUpdate: '2027-07-01',
  },
  'nodejs20.x': {
    node: 20,
    deprecated: '2026-04-30',
    blockCreate: '2026-08-31',
    blockUpdate: '2026-09-30',
  },
};

const INSTANCE =
  'arn:${AWS::Partition}:connect:${AWS::Region}:${AWS::AccountId}:instance/${ConnectInstanceId}';

/** The policy statements as CloudFormation would see them for one value of CustomerScreenShare. */
function statements(customerScreenShare: 'true' | 'false'): Node[] {
  const conditions = template.Conditions as Record<string, Node>;
  const evaluate = (name: string): boolean => {
    const [left, right] = conditions[name]!['Fn::Equals'] as [Node, string];
    expect(left).toEqual({ Ref: 'CustomerScreenShare' });
    return customerScreenShare === right;
  };
  const policies = fn().Policies as Node[];
  return policies.flatMap((policy) => {
    expect(typeof policy).toBe('object'); // no managed policy names: every grant is visible here
    return (policy.Statement as Node[]).flatMap((statement) => {
      const branch = statement['Fn::If'] as [string, Node, Node] | undefined;
      if (!branch) return [statement];
      const chosen = evaluate(branch[0]) ? branch[1] : branch[2];
      return chosen.Ref === 'AWS::NoValue' ? [] : [chosen];
    });
  });
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const subs = (value: unknown): string[] =>
  list(value).map((entry) => {
    expect(entry).toHaveProperty(['Fn::Sub']);
    return (entry as Node)['Fn::Sub'] as string;
  });

describe('deploy/template.yaml (AWS SAM)', () => {
  it('is a SAM template with an HTTP API, throttled, and the Lambda handler it builds', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    const api = resources().TokenApi!;
    expect(api.Type).toBe('AWS::Serverless::HttpApi');
    const route = (api.Properties as Node).DefaultRouteSettings as Node;
    expect(route.ThrottlingRateLimit).toEqual({ Ref: 'ApiRateLimit' });
    expect(route.ThrottlingBurstLimit).toEqual({ Ref: 'ApiBurstLimit' });
    // API Gateway's own CORS would replace the function's origin checks and headers.
    expect(api.Properties).not.toHaveProperty('CorsConfiguration');

    expect(resources().TokenFunction!.Type).toBe('AWS::Serverless::Function');
    const [file, exported] = (fn().Handler as string).split('.');
    const build = (resources().TokenFunction!.Metadata as Node).BuildProperties as Node;
    const entry = (build.EntryPoints as string[])[0]!;
    expect(entry.endsWith(`/${file}.ts`)).toBe(true);
    expect(existsSync(fileURLToPath(new URL(`../../../${entry}`, import.meta.url)))).toBe(true);
    expect(typeof (lambda as Record<string, unknown>)[exported!]).toBe('function');
  });

  it('runs on a Node.js runtime AWS has not deprecated, bundled for that Node major', () => {
    const runtime = fn().Runtime as string;
    const dates = LAMBDA_NODE_RUNTIMES[runtime];
    expect(dates, `${runtime} is not in the table of AWS's Node.js runtimes`).toBeDefined();
    // Deliberately the deprecation date, not the later block dates: from then on AWS no longer
    // patches the runtime, so this test starts failing the day the template needs a newer one.
    const today = new Date().toISOString().slice(0, 10);
    expect(today < dates!.deprecated, `${runtime} was deprecated on ${dates!.deprecated}`).toBe(
      true,
    );
    const build = (resources().TokenFunction!.Metadata as Node).BuildProperties as Node;
    expect(build.Target).toBe(`node${dates!.node}`);
  });

  it('routes exactly the endpoint paths to the function', () => {
    const events = Object.values(fn().Events as Record<string, Node>).map((event) => {
      expect(event.Type).toBe('HttpApi');
      const { Method, Path, ApiId } = event.Properties as Node;
      expect(ApiId).toEqual({ Ref: 'TokenApi' });
      return `${Method as string} ${Path as string}`;
    });
    expect(events.sort()).toEqual(
      [
        'GET /api/health',
        'OPTIONS /api/screen-sharing',
        'OPTIONS /api/session',
        'POST /api/screen-sharing',
        'POST /api/session',
      ].sort(),
    );
  });

  it('allows only StartWebRTCContact and StartScreenSharing on the one instance and flow', () => {
    for (const share of ['true', 'false'] as const) {
      const granted = statements(share);
      for (const statement of granted) {
        expect(statement.Effect).toBe('Allow');
        expect(statement).not.toHaveProperty('NotAction');
        expect(statement).not.toHaveProperty('NotResource');
        for (const action of list(statement.Action)) {
          expect(['connect:StartWebRTCContact', 'connect:StartScreenSharing']).toContain(action);
        }
        for (const resource of subs(statement.Resource)) {
          expect(resource.startsWith(`${INSTANCE}/`)).toBe(true);
          // The only wildcard: any contact of the instance (contact ids are not known up front).
          expect(resource.replace(/\/contact\/\*$/, '')).not.toContain('*');
        }
      }
      const byAction = (action: string) =>
        granted
          .filter((statement) => list(statement.Action).includes(action))
          .flatMap((statement) => subs(statement.Resource));
      expect(byAction('connect:StartWebRTCContact').sort()).toEqual(
        [`${INSTANCE}/contact-flow/\${ConnectContactFlowId}`, `${INSTANCE}/contact/*`].sort(),
      );
      // Screen sharing permission exists only when customers may share.
      expect(byAction('connect:StartScreenSharing')).toEqual(
        share === 'true' ? [`${INSTANCE}/contact/*`] : [],
      );
    }
    // No other identity in the stack, so nothing else can carry a grant.
    const types = Object.values(resources()).map((resource) => resource.Type);
    expect(types.filter((type) => type.startsWith('AWS::IAM::'))).toEqual([]);
    expect(JSON.stringify(fn().Policies)).not.toMatch(/connect:\*|"\*"/);
  });

  it('passes every endpoint variable from a declared parameter, secrets hidden', () => {
    const variables = (fn().Environment as Node).Variables as Record<string, Node>;
    const parameters = template.Parameters as Record<string, Node>;
    // Lambda sets AWS_REGION itself; API Gateway's sourceIp needs no proxy header; CONNECT_ENDPOINT
    // is for local mode only.
    const expected = TOKEN_ENDPOINT_VARIABLES.filter(
      (name) => !['AWS_REGION', 'CLIENT_IP_HEADER', 'CONNECT_ENDPOINT'].includes(name),
    );
    expect(Object.keys(variables).sort()).toEqual([...expected].sort());
    for (const value of Object.values(variables)) {
      expect(parameters).toHaveProperty([value.Ref as string]);
    }
    expect(parameters.CustomerJwtSecret!.NoEcho).toBe(true);
    expect(parameters.SessionHandleSecret!.NoEcho).toBe(true);
    expect(parameters.SessionHandleSecret!.MinLength).toBe(32);
  });
});
