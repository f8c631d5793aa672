import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { TOKEN_ENDPOINT_VARIABLES } from '../config.js';
import * as lambda from '../lambda.js';
import { LEDGER_KEY, LEDGER_TTL } from '../dynamodb-invitation-ledger.js';
import { INVITATION_TABLE_VARIABLE, LAMBDA_SECRET_VARIABLES } from '../load-lambda-config.js';
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

/** The parameter values a deployment chose (only those the conditions and rules look at). */
type Choice = Record<string, string>;

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:shop/widget-jwt-AbC123';
const KEY_ARN = 'arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Every combination of the parameters that decide what the function is granted. */
const CHOICES: Choice[] = ['true', 'false'].flatMap((AllowInvitations) =>
  ['true', 'false'].flatMap((CustomerScreenShare) =>
    [
      { CustomerJwtSecretArn: '', CustomerJwtSecretKmsKeyArn: '' },
      { CustomerJwtSecretArn: SECRET_ARN, CustomerJwtSecretKmsKeyArn: '' },
      { CustomerJwtSecretArn: SECRET_ARN, CustomerJwtSecretKmsKeyArn: KEY_ARN },
    ].flatMap((secrets) =>
      [
        { AllowChat: 'false', ChatContactFlowId: '' },
        { AllowChat: 'true', ChatContactFlowId: '' },
        { AllowChat: 'true', ChatContactFlowId: 'chat-flow-1' },
      ].map((chat) => ({ AllowInvitations, CustomerScreenShare, ...secrets, ...chat })),
    ),
  ),
);

/** A condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition) for one choice. */
function holds(node: unknown, choice: Choice): boolean {
  const value = (operand: unknown): unknown => {
    const ref = (operand as Node | null)?.Ref;
    if (typeof ref !== 'string') return operand;
    expect(choice, `the test does not choose ${ref}`).toHaveProperty([ref]);
    return choice[ref];
  };
  const [name, operands] = Object.entries(node as Node)[0] as [string, unknown];
  switch (name) {
    case 'Fn::Equals': {
      const [left, right] = operands as [unknown, unknown];
      return value(left) === value(right);
    }
    case 'Fn::Not':
      return !holds((operands as unknown[])[0], choice);
    case 'Fn::And':
      return (operands as unknown[]).every((operand) => holds(operand, choice));
    case 'Fn::Or':
      return (operands as unknown[]).some((operand) => holds(operand, choice));
    case 'Condition':
      return holds((template.Conditions as Node)[operands as string], choice);
    default:
      throw new Error(`Unknown condition function ${name}`);
  }
}

/** The policy statements as CloudFormation would see them for one choice of parameters. */
function statements(choice: Choice): Node[] {
  const policies = fn().Policies as Node[];
  return policies.flatMap((policy) => {
    expect(typeof policy).toBe('object'); // no managed policy names: every grant is visible here
    return (policy.Statement as Node[]).flatMap((statement) => {
      const branch = statement['Fn::If'] as [string, Node, Node] | undefined;
      if (!branch) return [statement];
      const chosen = holds({ Condition: branch[0] }, choice) ? branch[1] : branch[2];
      return chosen.Ref === 'AWS::NoValue' ? [] : [resolved(chosen, choice) as Node];
    });
  });
}

/** A statement's inner `!If`s (a resource chosen by a condition) as they resolve for one choice. */
function resolved(node: unknown, choice: Choice): unknown {
  if (Array.isArray(node)) return node.map((entry) => resolved(entry, choice));
  if (typeof node !== 'object' || node === null) return node;
  const branch = (node as Node)['Fn::If'] as [string, unknown, unknown] | undefined;
  if (branch) {
    return resolved(holds({ Condition: branch[0] }, choice) ? branch[1] : branch[2], choice);
  }
  return Object.fromEntries(
    Object.entries(node as Node).map(([key, value]) => [key, resolved(value, choice)]),
  );
}

/** The value a variable has when its condition holds (`!If [Cond, value, NoValue]`), or itself. */
const unconditional = (value: Node): unknown =>
  'Fn::If' in value ? (value['Fn::If'] as unknown[])[1] : value;

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
        'OPTIONS /api/invitation',
        'POST /api/invitation',
        'OPTIONS /api/invitation/join',
        'POST /api/invitation/join',
        'OPTIONS /api/chat',
        'POST /api/chat',
      ].sort(),
    );
  });

  it('grants eight actions at most, none with a wildcard, and no other identity', () => {
    for (const choice of CHOICES) {
      for (const statement of statements(choice)) {
        expect(statement.Effect).toBe('Allow');
        expect(statement).not.toHaveProperty('NotAction');
        expect(statement).not.toHaveProperty('NotResource');
        for (const action of list(statement.Action)) {
          expect([
            'connect:StartWebRTCContact',
            'connect:StartScreenSharing',
            'connect:CreateParticipant',
            'connect:StartChatContact',
            'secretsmanager:GetSecretValue',
            'kms:Decrypt',
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
          ]).toContain(action);
        }
      }
    }
    // No other identity in the stack, so nothing else can carry a grant.
    const types = Object.values(resources()).map((resource) => resource.Type);
    expect(types.filter((type) => type.startsWith('AWS::IAM::'))).toEqual([]);
    expect(JSON.stringify(fn().Policies)).not.toMatch(
      /connect:\*|secretsmanager:\*|kms:\*|dynamodb:\*|"\*"/,
    );
  });

  it('allows only the Connect actions the routes call, on the one instance and flow', () => {
    for (const choice of CHOICES) {
      const granted = statements(choice).filter((statement) =>
        list(statement.Action).some((action) => String(action).startsWith('connect:')),
      );
      for (const statement of granted) {
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
        choice.CustomerScreenShare === 'true' ? [`${INSTANCE}/contact/*`] : [],
      );
      // Adding guests only when invitations are allowed.
      expect(byAction('connect:CreateParticipant')).toEqual(
        choice.AllowInvitations === 'true' ? [`${INSTANCE}/contact/*`] : [],
      );
      // Chats only when allowed, in the one chat flow (the calls' flow unless another is named).
      const chatFlow =
        choice.ChatContactFlowId === '' ? 'ConnectContactFlowId' : 'ChatContactFlowId';
      expect(byAction('connect:StartChatContact').sort()).toEqual(
        choice.AllowChat === 'true'
          ? [`${INSTANCE}/contact-flow/\${${chatFlow}}`, `${INSTANCE}/contact/*`].sort()
          : [],
      );
      expect(byAction('connect:DescribeContact')).toEqual([]);
    }
  });

  it('grants StartChatContact in exactly one statement, and passes the chat settings only with AllowChat', () => {
    for (const choice of CHOICES) {
      const chat = statements(choice).filter((statement) =>
        list(statement.Action).includes('connect:StartChatContact'),
      );
      expect(chat.map((statement) => statement.Sid)).toEqual(
        choice.AllowChat === 'true' ? ['StartChatContactInTheChatFlow'] : [],
      );
      for (const statement of chat) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Action).toBe('connect:StartChatContact');
        expect(statement.Condition).toBeUndefined();
      }
    }
    const variables = (fn().Environment as Node).Variables as Record<string, Node>;
    for (const name of ['CHAT', 'CHAT_CONTACT_FLOW_ID', 'CHAT_DURATION_MINUTES']) {
      const branch = variables[name]?.['Fn::If'] as [string, unknown, Node] | undefined;
      expect(branch?.[0], name).toBe('ChatOn');
      expect(branch?.[2], name).toEqual({ Ref: 'AWS::NoValue' });
    }
    const parameters = template.Parameters as Record<string, Node>;
    expect(parameters.AllowChat).toMatchObject({
      AllowedValues: ['true', 'false'],
      Default: 'false',
    });
    expect(parameters.ChatDurationMinutes).toMatchObject({ MinValue: 60, MaxValue: 10080 });
  });

  it('gives the function the names of its secrets only, and reads of exactly those', () => {
    const variables = (fn().Environment as Node).Variables as Record<string, Node>;
    const parameters = template.Parameters as Record<string, Node>;
    // No key is a template parameter, so none can reach the environment or the stack's parameters.
    for (const [name, parameter] of Object.entries(parameters)) {
      expect(parameter.NoEcho, name).toBeUndefined();
      if (/secret/i.test(name)) expect(name).toMatch(/SecretArn$|SecretKmsKeyArn$/);
    }
    for (const value of Object.values(variables).map(unconditional) as Node[]) {
      expect(parameters[value.Ref as string]?.NoEcho).toBeUndefined();
    }
    expect(variables).not.toHaveProperty('SESSION_HANDLE_SECRET');
    expect(variables).not.toHaveProperty('CUSTOMER_JWT_SECRET');

    // The session-handle key is generated inside the stack, long, and on the AWS managed key.
    expect(variables.SESSION_HANDLE_SECRET_ARN).toEqual({ Ref: 'SessionHandleSecret' });
    const generated = resources().SessionHandleSecret!;
    expect(generated.Type).toBe('AWS::SecretsManager::Secret');
    const secretProperties = generated.Properties as Node;
    expect(secretProperties).not.toHaveProperty('SecretString');
    expect(secretProperties).not.toHaveProperty('KmsKeyId'); // else kms:Decrypt would be needed
    const generate = secretProperties.GenerateSecretString as Node;
    expect(generate.PasswordLength).toBeGreaterThanOrEqual(64);
    expect(generate).not.toHaveProperty('SecretStringTemplate'); // the key itself, not JSON

    // The customer key is the business's own secret, given by its full ARN (what IAM matches).
    expect(variables.CUSTOMER_JWT_SECRET_ARN).toEqual({ Ref: 'CustomerJwtSecretArn' });
    const arn = new RegExp(parameters.CustomerJwtSecretArn!.AllowedPattern as string);
    for (const good of ['', SECRET_ARN]) expect(arn.test(good), good).toBe(true);
    for (const bad of ['shop/widget-jwt', SECRET_ARN.slice(0, -7), `${SECRET_ARN}*`, '*']) {
      expect(arn.test(bad), bad).toBe(false);
    }
    const kmsKey = new RegExp(parameters.CustomerJwtSecretKmsKeyArn!.AllowedPattern as string);
    for (const good of ['', KEY_ARN]) expect(kmsKey.test(good), good).toBe(true);
    for (const bad of ['alias/aws/secretsmanager', '*']) expect(kmsKey.test(bad), bad).toBe(false);

    for (const choice of CHOICES) {
      const granted = statements(choice);
      const reads = granted.filter((statement) =>
        list(statement.Action).some((action) => String(action).startsWith('secretsmanager:')),
      );
      for (const statement of reads) {
        expect(list(statement.Action)).toEqual(['secretsmanager:GetSecretValue']);
        expect(statement).not.toHaveProperty('Condition');
      }
      // Exactly the secrets the environment names, one Ref each: no pattern, no other secret.
      const named = [variables.SESSION_HANDLE_SECRET_ARN];
      if (choice.CustomerJwtSecretArn !== '') named.push(variables.CUSTOMER_JWT_SECRET_ARN!);
      expect(reads.flatMap((statement) => list(statement.Resource))).toEqual(named);

      const decrypts = granted.filter((statement) =>
        list(statement.Action).some((action) => String(action).startsWith('kms:')),
      );
      if (choice.CustomerJwtSecretKmsKeyArn === '') {
        expect(decrypts).toEqual([]);
      } else {
        expect(decrypts).toEqual([
          expect.objectContaining({
            Action: 'kms:Decrypt',
            Resource: { Ref: 'CustomerJwtSecretKmsKeyArn' },
            Condition: {
              StringEquals: {
                'kms:ViaService': { 'Fn::Sub': 'secretsmanager.${AWS::Region}.amazonaws.com' },
                'kms:EncryptionContext:SecretARN': { Ref: 'CustomerJwtSecretArn' },
              },
            },
          }),
        ]);
      }
    }
  });

  it('refuses to deploy RequireCustomerJwt=true without a customer key', () => {
    const failing = (choice: Choice) =>
      Object.entries(template.Rules as Record<string, Node>).filter(
        ([, rule]) =>
          holds(rule.RuleCondition, choice) &&
          (rule.Assertions as Node[]).some((assertion) => !holds(assertion.Assert, choice)),
      );
    const rest = { AllowInvitations: 'false', InvitationUrl: '' };
    expect(failing({ ...rest, RequireCustomerJwt: 'true', CustomerJwtSecretArn: '' })).toHaveLength(
      1,
    );
    expect(
      failing({ ...rest, RequireCustomerJwt: 'true', CustomerJwtSecretArn: SECRET_ARN }),
    ).toEqual([]);
    expect(failing({ ...rest, RequireCustomerJwt: 'false', CustomerJwtSecretArn: '' })).toEqual([]);
  });

  it('refuses to deploy AllowInvitations=true without a guest page, and takes only https', () => {
    const failing = (choice: Choice) =>
      Object.entries(template.Rules as Record<string, Node>).filter(
        ([, rule]) =>
          holds(rule.RuleCondition, choice) &&
          (rule.Assertions as Node[]).some((assertion) => !holds(assertion.Assert, choice)),
      );
    const rest = { RequireCustomerJwt: 'false', CustomerJwtSecretArn: '' };
    expect(failing({ ...rest, AllowInvitations: 'true', InvitationUrl: '' })).toHaveLength(1);
    const guestPage = 'https://shop.example/guest';
    expect(failing({ ...rest, AllowInvitations: 'true', InvitationUrl: guestPage })).toEqual([]);
    expect(failing({ ...rest, AllowInvitations: 'false', InvitationUrl: '' })).toEqual([]);
    const parameters = template.Parameters as Record<string, Node>;
    const url = new RegExp(parameters.InvitationUrl!.AllowedPattern as string);
    for (const good of ['', guestPage]) expect(url.test(good), good).toBe(true);
    for (const bad of ['http://shop.example/guest', `${guestPage}#x`, 'shop.example/guest']) {
      expect(url.test(bad), bad).toBe(false);
    }
    expect(parameters.AllowInvitations!.Default).toBe('false');
    expect(parameters.MaxGuestsPerContact!.MaxValue).toBe(4);
  });

  it('adds nothing for invitations unless AllowInvitations is true, then the table and its two writes', () => {
    const table = resources().InvitationTable!;
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.Condition).toBe('InvitationsOn');
    expect(holds({ Condition: 'InvitationsOn' }, { AllowInvitations: 'true' })).toBe(true);
    expect(holds({ Condition: 'InvitationsOn' }, { AllowInvitations: 'false' })).toBe(false);
    // The ledger's own names: the key it writes and the attribute TTL deletes by.
    expect(table.Properties).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: LEDGER_KEY, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: LEDGER_KEY, KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: LEDGER_TTL, Enabled: true },
    });
    // Every other resource exists whatever the choice.
    for (const [name, resource] of Object.entries(resources())) {
      if (name !== 'InvitationTable') expect(resource, name).not.toHaveProperty('Condition');
    }

    const invitationStatements = (choice: Choice) =>
      statements(choice).filter((statement) =>
        list(statement.Action).some((action) =>
          /^(dynamodb:|connect:CreateParticipant)/.test(String(action)),
        ),
      );
    for (const choice of CHOICES) {
      if (choice.AllowInvitations === 'false') {
        expect(invitationStatements(choice)).toEqual([]);
        continue;
      }
      expect(invitationStatements(choice)).toEqual([
        {
          Sid: 'AddGuestsToContactsOfTheInstance',
          Effect: 'Allow',
          Action: 'connect:CreateParticipant',
          Resource: { 'Fn::Sub': `${INSTANCE}/contact/*` },
        },
        {
          Sid: 'RecordInvitationsInTheLedger',
          Effect: 'Allow',
          Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
          Resource: { 'Fn::GetAtt': ['InvitationTable', 'Arn'] },
        },
      ]);
    }

    // Every invitation variable is absent unless invitations are on; the table is named by Ref.
    const variables = (fn().Environment as Node).Variables as Record<string, Node>;
    const conditional = Object.entries(variables).filter(
      ([name, value]) => 'Fn::If' in value && !name.startsWith('CHAT'),
    );
    expect(conditional.map(([name]) => name).sort()).toEqual(
      [
        'INVITATIONS',
        'INVITATION_URL',
        'MAX_GUESTS_PER_CONTACT',
        'INVITATION_LIFETIME_SECONDS',
        'GUEST_VIDEO',
        'GUEST_SCREEN_SHARE',
        INVITATION_TABLE_VARIABLE,
      ].sort(),
    );
    for (const [, value] of conditional) {
      const [condition, , otherwise] = value['Fn::If'] as [string, unknown, unknown];
      expect(condition).toBe('InvitationsOn');
      expect(otherwise).toEqual({ Ref: 'AWS::NoValue' });
    }
    expect(unconditional(variables[INVITATION_TABLE_VARIABLE]!)).toEqual({
      Ref: 'InvitationTable',
    });
    expect(unconditional(variables.INVITATIONS!)).toBe('true');
  });

  it('passes every endpoint variable from a declared parameter or the stack', () => {
    const variables = (fn().Environment as Node).Variables as Record<string, Node>;
    const parameters = template.Parameters as Record<string, Node>;
    // Lambda sets AWS_REGION itself; API Gateway's sourceIp needs no proxy header; CONNECT_ENDPOINT
    // is for local mode only; the two keys come from Secrets Manager, named by their ARNs.
    const expected = [
      ...TOKEN_ENDPOINT_VARIABLES.filter(
        (name) =>
          ![
            'AWS_REGION',
            'CLIENT_IP_HEADER',
            'CONNECT_ENDPOINT',
            'PARTICIPANT_ENDPOINT',
            'CUSTOMER_JWT_SECRET',
            'SESSION_HANDLE_SECRET',
          ].includes(name),
      ),
      ...LAMBDA_SECRET_VARIABLES,
      INVITATION_TABLE_VARIABLE,
    ];
    expect(Object.keys(variables).sort()).toEqual([...expected].sort());
    for (const [name, value] of Object.entries(variables).map(
      ([name, value]) => [name, unconditional(value)] as const,
    )) {
      if (name === 'INVITATIONS' || name === 'CHAT') continue; // 'true' under its condition
      expect([...Object.keys(parameters), ...Object.keys(resources())]).toContain(
        (value as Node).Ref,
      );
    }
  });
});
