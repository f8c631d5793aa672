import { randomBytes } from 'node:crypto';
import { CHAT_VARIABLES, loadChatConfig, type ChatConfig } from './chat-config.js';
import { ConfigError } from './config-error.js';
import {
  INVITATION_VARIABLES,
  loadInvitationConfig,
  type InvitationConfig,
} from './invitation-config.js';

/** The capabilities granted to every contact; `SEND` is the only value Connect knows. */
export interface AllowedCapabilities {
  Customer: { Video?: 'SEND'; ScreenShare?: 'SEND' };
  Agent: { Video?: 'SEND'; ScreenShare?: 'SEND' };
}

/**
 * `local`: the `npm start` process, pointing the real AWS SDK at the embedded emulator.
 * `aws`: a deployment against a real Amazon Connect instance (credentials from the SDK's chain).
 */
export type TokenEndpointMode = 'local' | 'aws';

export interface TokenEndpointConfig {
  mode: TokenEndpointMode;
  instanceId: string;
  contactFlowId: string;
  region: string;
  /** Only in local mode: where the emulated Connect API answers. */
  connectEndpoint?: string;
  /** Only in local mode: where the emulated Participant Service answers (guests join through it). */
  participantEndpoint?: string;
  allowedCapabilities: AllowedCapabilities;
  /** Exact origins (`https://shop.example`), as browsers send them in `Origin`. */
  allowedOrigins: readonly string[];
  /** Local mode only: any `http://localhost:<port>` / `http://127.0.0.1:<port>` page may call. */
  allowLoopbackOrigins: boolean;
  /** Attribute keys a browser may set; `'any'` only when ALLOWED_ATTRIBUTE_KEYS is `*`. */
  allowedAttributeKeys: ReadonlySet<string> | 'any';
  /** HS256 key of the host page's backend; absent = no customer tokens are accepted. */
  customerJwtSecret?: Uint8Array;
  requireCustomerJwt: boolean;
  sessionHandleSecret: Uint8Array;
  /** Requests per minute per client IP (token bucket: this is also the burst). */
  rateLimitPerMinute: number;
  /** Lower-case header name holding the client IP, set by a trusted proxy; absent = the socket. */
  clientIpHeader?: string;
  bodyLimitBytes: number;
  /** Absent: `/api/invitation` and `/api/invitation/join` refuse (403 InvitationsNotAllowed). */
  invitations?: InvitationConfig;
  /** Absent: `/api/chat` refuses (403 ChatNotAllowed). */
  chat?: ChatConfig;
}

export { ConfigError };

/**
 * One of the two HMAC keys when it does not come from its own variable (the Lambda reads them from
 * Secrets Manager). `variable` is what an error names (the one holding the secret's ARN) and `what`
 * says which secret, so the deployer knows which one to fix.
 */
export interface FetchedSecret {
  value: string | undefined;
  variable: string;
  what: string;
}

export interface FetchedSecrets {
  customerJwtSecret: FetchedSecret;
  sessionHandleSecret: FetchedSecret;
}

/** Every variable the endpoint reads; anything else in the environment is ignored. */
export const TOKEN_ENDPOINT_VARIABLES = [
  'CONNECT_INSTANCE_ID',
  'CONNECT_CONTACT_FLOW_ID',
  'AWS_REGION',
  'CUSTOMER_VIDEO',
  'CUSTOMER_SCREEN_SHARE',
  'AGENT_VIDEO',
  'AGENT_SCREEN_SHARE',
  'ALLOWED_ORIGINS',
  'ALLOWED_ATTRIBUTE_KEYS',
  'CUSTOMER_JWT_SECRET',
  'REQUIRE_CUSTOMER_JWT',
  'SESSION_HANDLE_SECRET',
  'RATE_LIMIT_PER_MINUTE',
  'CLIENT_IP_HEADER',
  'CONNECT_ENDPOINT',
  'PARTICIPANT_ENDPOINT',
  ...INVITATION_VARIABLES,
  ...CHAT_VARIABLES,
] as const;

export type TokenEndpointEnv = Partial<
  Record<(typeof TOKEN_ENDPOINT_VARIABLES)[number], string | undefined>
>;

/** Largest accepted body: the service's own limits (32 KiB attributes + 4 KiB references + 4 KiB
 * description + names) fit with room for JSON escaping. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** The hosted widget allows up to 50 domains; we keep the same bound. */
export const MAX_ALLOWED_ORIGINS = 50;
/** Shorter HMAC keys are brute-forceable offline from one captured token. */
export const MIN_SECRET_LENGTH = 32;

const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]{1,32767}$/;

/**
 * Reads and validates the environment once, at start. Local mode needs none of the variables (it
 * targets the emulator with dummy ids and all capabilities on) but honours any that are set.
 */
export function loadTokenEndpointConfig(
  env: TokenEndpointEnv,
  mode: TokenEndpointMode,
  localDefaults: { connectEndpoint?: string; participantEndpoint?: string } = {},
  secrets?: FetchedSecrets,
): TokenEndpointConfig {
  const local = mode === 'local';
  const read = (name: keyof TokenEndpointEnv): string | undefined => trimmed(env[name]);
  const required = (name: keyof TokenEndpointEnv, localDefault: string): string => {
    const value = read(name);
    if (value !== undefined) return value;
    if (local) return localDefault;
    throw new ConfigError(name, 'is required (or run in local mode).');
  };

  const instanceId = required('CONNECT_INSTANCE_ID', 'local-instance');
  if (instanceId.length > 100)
    throw new ConfigError('CONNECT_INSTANCE_ID', 'is over 100 characters.');
  // The id goes into an ARN in the IAM policy; anything outside this set is a copy-paste mistake.
  if (!/^[A-Za-z0-9_-]+$/.test(instanceId)) {
    throw new ConfigError('CONNECT_INSTANCE_ID', 'must be the instance id, not its ARN or alias.');
  }
  const contactFlowId = required('CONNECT_CONTACT_FLOW_ID', 'local-flow');
  if (contactFlowId.length > 500 || !/^[A-Za-z0-9_-]+$/.test(contactFlowId)) {
    throw new ConfigError(
      'CONNECT_CONTACT_FLOW_ID',
      'must be the contact flow id (the last part of its ARN).',
    );
  }
  const region = required('AWS_REGION', 'us-east-1');
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new ConfigError('AWS_REGION', `"${region}" is not an AWS region name.`);
  }

  const connectEndpoint = read('CONNECT_ENDPOINT') ?? localDefaults.connectEndpoint;
  if (read('CONNECT_ENDPOINT') !== undefined && !local) {
    // In AWS mode the SDK resolves the regional endpoint itself; a stray override would silently
    // send customer data (and signed requests) somewhere else.
    throw new ConfigError('CONNECT_ENDPOINT', 'is only for local mode.');
  }
  if (connectEndpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(connectEndpoint)) {
    throw new ConfigError('CONNECT_ENDPOINT', 'must be an http(s) URL.');
  }
  // The emulator serves both APIs side by side, so the Connect endpoint's neighbour is the default.
  const participantEndpoint =
    read('PARTICIPANT_ENDPOINT') ??
    localDefaults.participantEndpoint ??
    connectEndpoint?.replace(/\/emulator\/connect\/?$/, '/emulator/participant');
  if (read('PARTICIPANT_ENDPOINT') !== undefined && !local) {
    throw new ConfigError('PARTICIPANT_ENDPOINT', 'is only for local mode.');
  }
  if (participantEndpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(participantEndpoint)) {
    throw new ConfigError('PARTICIPANT_ENDPOINT', 'must be an http(s) URL.');
  }

  const flag = (name: keyof TokenEndpointEnv, fallback: boolean): boolean => {
    const value = read(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new ConfigError(name, 'must be true or false.');
  };
  const send = (on: boolean): { Video?: 'SEND' } => (on ? { Video: 'SEND' } : {});
  const share = (on: boolean): { ScreenShare?: 'SEND' } => (on ? { ScreenShare: 'SEND' } : {});
  // Production defaults: video both ways and agent screen share; the customer's screen is private
  // unless the deployer opts in.
  const allowedCapabilities: AllowedCapabilities = {
    Customer: {
      ...send(flag('CUSTOMER_VIDEO', true)),
      ...share(flag('CUSTOMER_SCREEN_SHARE', local)),
    },
    Agent: { ...send(flag('AGENT_VIDEO', true)), ...share(flag('AGENT_SCREEN_SHARE', true)) },
  };

  const allowedOrigins = parseOrigins(read('ALLOWED_ORIGINS'), local);
  const allowedAttributeKeys = parseAttributeKeys(read('ALLOWED_ATTRIBUTE_KEYS'), local);

  const fromVariable = (variable: 'CUSTOMER_JWT_SECRET' | 'SESSION_HANDLE_SECRET') => ({
    value: read(variable),
    variable,
    what: '',
  });
  const customerJwt = secrets?.customerJwtSecret ?? fromVariable('CUSTOMER_JWT_SECRET');
  const sessionHandle = secrets?.sessionHandleSecret ?? fromVariable('SESSION_HANDLE_SECRET');
  const secretError = (secret: FetchedSecret, message: string) =>
    new ConfigError(secret.variable, secret.what === '' ? message : `${secret.what} ${message}`);

  const customerJwtSecretText = trimmed(customerJwt.value);
  if (customerJwtSecretText !== undefined && customerJwtSecretText.length < MIN_SECRET_LENGTH) {
    throw secretError(
      customerJwt,
      `must be at least ${MIN_SECRET_LENGTH} characters (the hosted widget uses 44).`,
    );
  }
  const requireCustomerJwt = flag('REQUIRE_CUSTOMER_JWT', false);
  if (requireCustomerJwt && customerJwtSecretText === undefined) {
    throw new ConfigError(
      'REQUIRE_CUSTOMER_JWT',
      `is true but ${customerJwt.variable} is not set.`,
    );
  }

  const sessionHandleSecretText = trimmed(sessionHandle.value);
  let sessionHandleSecret: Uint8Array;
  if (sessionHandleSecretText !== undefined) {
    if (sessionHandleSecretText.length < MIN_SECRET_LENGTH) {
      throw secretError(sessionHandle, `must be at least ${MIN_SECRET_LENGTH} characters.`);
    }
    if (sessionHandleSecretText === customerJwtSecretText) {
      // One key for both would let a host page's customer token double as a session handle.
      throw secretError(
        sessionHandle,
        `must differ from ${customerJwt.what || customerJwt.variable}.`,
      );
    }
    sessionHandleSecret = new TextEncoder().encode(sessionHandleSecretText);
  } else if (local) {
    // Handles only need to survive this process.
    sessionHandleSecret = randomBytes(32);
  } else {
    // Generated per process it would break as soon as a second instance (or Lambda) answers.
    throw secretError(sessionHandle, 'is required (at least 32 random characters).');
  }

  const rateText = read('RATE_LIMIT_PER_MINUTE');
  const rateLimitPerMinute = rateText === undefined ? (local ? 600 : 20) : Number(rateText);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1 || rateLimitPerMinute > 1e6) {
    throw new ConfigError('RATE_LIMIT_PER_MINUTE', 'must be a whole number from 1 to 1000000.');
  }

  const clientIpHeader = read('CLIENT_IP_HEADER')?.toLowerCase();
  if (clientIpHeader !== undefined && !/^[a-z0-9-]+$/.test(clientIpHeader)) {
    throw new ConfigError('CLIENT_IP_HEADER', 'must be a header name such as x-forwarded-for.');
  }

  const invitations = loadInvitationConfig(read, flag, local);
  const chat = loadChatConfig(read, flag, local, contactFlowId);

  return {
    mode,
    instanceId,
    contactFlowId,
    region,
    ...(local && connectEndpoint !== undefined ? { connectEndpoint } : {}),
    ...(local && participantEndpoint !== undefined ? { participantEndpoint } : {}),
    allowedCapabilities,
    allowedOrigins,
    allowLoopbackOrigins: local,
    allowedAttributeKeys,
    ...(customerJwtSecretText !== undefined
      ? { customerJwtSecret: new TextEncoder().encode(customerJwtSecretText) }
      : {}),
    requireCustomerJwt,
    sessionHandleSecret,
    rateLimitPerMinute,
    ...(clientIpHeader !== undefined ? { clientIpHeader } : {}),
    bodyLimitBytes: BODY_LIMIT_BYTES,
    ...(invitations !== undefined && { invitations }),
    ...(chat !== undefined && { chat }),
  };
}

function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === '' ? undefined : text;
}

function parseOrigins(text: string | undefined, local: boolean): string[] {
  if (text === undefined) {
    if (local) return [];
    throw new ConfigError(
      'ALLOWED_ORIGINS',
      'is required: the comma-separated origins of the pages that embed the widget.',
    );
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length > MAX_ALLOWED_ORIGINS) {
    throw new ConfigError('ALLOWED_ORIGINS', `lists more than ${MAX_ALLOWED_ORIGINS} origins.`);
  }
  return entries.map((entry) => {
    if (entry === '*') {
      throw new ConfigError('ALLOWED_ORIGINS', '"*" is not allowed: list the exact origins.');
    }
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      throw new ConfigError('ALLOWED_ORIGINS', `"${entry}" is not an origin.`);
    }
    // Browsers send the serialized origin (lower-case host, no default port, no path); an entry
    // that serializes differently would never match, so refuse it now rather than fail silently.
    if (origin !== entry.replace(/\/$/, '') || !/^https?:/.test(origin)) {
      throw new ConfigError(
        'ALLOWED_ORIGINS',
        `"${entry}" is not an origin like https://shop.example (no path, no trailing parts).`,
      );
    }
    return origin;
  });
}

function parseAttributeKeys(text: string | undefined, local: boolean): ReadonlySet<string> | 'any' {
  if (text === undefined) return local ? 'any' : new Set();
  if (text === '*') return 'any';
  const keys = text
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  for (const key of keys) {
    if (!ATTRIBUTE_KEY.test(key)) {
      throw new ConfigError(
        'ALLOWED_ATTRIBUTE_KEYS',
        `"${key}" is not a valid Connect attribute key (A-Z a-z 0-9 - _).`,
      );
    }
  }
  return new Set(keys);
}
