import { describe, expect, it } from 'vitest';
import { ConfigError, loadTokenEndpointConfig, type TokenEndpointEnv } from './config.js';
import { PRODUCTION_ENV } from './testing/start-test-endpoint.js';

describe('loadTokenEndpointConfig', () => {
  it('needs nothing in local mode: emulator ids, every capability, any loopback page', () => {
    const config = loadTokenEndpointConfig({}, 'local', {
      connectEndpoint: 'http://127.0.0.1:9999/emulator/connect',
    });
    expect(config).toMatchObject({
      mode: 'local',
      instanceId: 'local-instance',
      contactFlowId: 'local-flow',
      region: 'us-east-1',
      connectEndpoint: 'http://127.0.0.1:9999/emulator/connect',
      allowedCapabilities: {
        Customer: { Video: 'SEND', ScreenShare: 'SEND' },
        Agent: { Video: 'SEND', ScreenShare: 'SEND' },
      },
      allowLoopbackOrigins: true,
      allowedAttributeKeys: 'any',
      requireCustomerJwt: false,
    });
    expect(config.sessionHandleSecret.length).toBe(32);
    // Guests join through the emulator's Participant Service, beside its Connect API.
    expect(config.participantEndpoint).toBe('http://127.0.0.1:9999/emulator/participant');
  });

  it('lets local mode be overridden, capabilities included', () => {
    const config = loadTokenEndpointConfig(
      { CUSTOMER_SCREEN_SHARE: 'false', AGENT_VIDEO: 'FALSE', ALLOWED_ATTRIBUTE_KEYS: 'a, b' },
      'local',
    );
    expect(config.allowedCapabilities).toEqual({
      Customer: { Video: 'SEND' },
      Agent: { ScreenShare: 'SEND' },
    });
    expect(config.allowedAttributeKeys).toEqual(new Set(['a', 'b']));
  });

  it('reads a full production environment', () => {
    const config = loadTokenEndpointConfig(PRODUCTION_ENV, 'aws');
    expect(config).toMatchObject({
      mode: 'aws',
      instanceId: 'instance-1234',
      region: 'eu-west-2',
      allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      allowLoopbackOrigins: false,
      rateLimitPerMinute: 1000,
    });
    expect(config.connectEndpoint).toBeUndefined();
    expect(config.allowedAttributeKeys).toEqual(new Set(['orderId', 'language']));
  });

  it('defaults production to no browser attributes and no customer screen share', () => {
    const {
      ALLOWED_ATTRIBUTE_KEYS: _a,
      CUSTOMER_SCREEN_SHARE: _c,
      AGENT_SCREEN_SHARE: _g,
      ...env
    } = PRODUCTION_ENV;
    const config = loadTokenEndpointConfig(env, 'aws');
    expect(config.allowedAttributeKeys).toEqual(new Set());
    expect(config.allowedCapabilities.Customer.ScreenShare).toBeUndefined();
    expect(config.rateLimitPerMinute).toBe(1000);
  });

  const broken: [string, TokenEndpointEnv][] = [
    ['CONNECT_INSTANCE_ID', { CONNECT_INSTANCE_ID: '' }],
    ['CONNECT_INSTANCE_ID', { CONNECT_INSTANCE_ID: 'arn:aws:connect:eu-west-2:1:instance/x' }],
    ['CONNECT_CONTACT_FLOW_ID', { CONNECT_CONTACT_FLOW_ID: undefined }],
    ['AWS_REGION', { AWS_REGION: 'Frankfurt' }],
    ['CUSTOMER_VIDEO', { CUSTOMER_VIDEO: 'yes' }],
    ['AGENT_SCREEN_SHARE', { AGENT_SCREEN_SHARE: '1' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: undefined }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: '*' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'https://shop.example/widget' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'shop.example' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'https://Shop.Example' }],
    [
      'ALLOWED_ORIGINS',
      { ALLOWED_ORIGINS: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`).join(',') },
    ],
    ['ALLOWED_ATTRIBUTE_KEYS', { ALLOWED_ATTRIBUTE_KEYS: 'ok,not ok' }],
    ['CUSTOMER_JWT_SECRET', { CUSTOMER_JWT_SECRET: 'short' }],
    ['REQUIRE_CUSTOMER_JWT', { REQUIRE_CUSTOMER_JWT: 'true', CUSTOMER_JWT_SECRET: undefined }],
    ['SESSION_HANDLE_SECRET', { SESSION_HANDLE_SECRET: undefined }],
    ['SESSION_HANDLE_SECRET', { SESSION_HANDLE_SECRET: PRODUCTION_ENV.CUSTOMER_JWT_SECRET }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '0' }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '2.5' }],
    ['CLIENT_IP_HEADER', { CLIENT_IP_HEADER: 'x forwarded' }],
    ['CONNECT_ENDPOINT', { CONNECT_ENDPOINT: 'http://127.0.0.1:8080/emulator/connect' }],
    [
      'PARTICIPANT_ENDPOINT',
      { PARTICIPANT_ENDPOINT: 'http://127.0.0.1:8080/emulator/participant' },
    ],
  ];
  it.each(broken)('refuses a bad %s and names it', (variable, change) => {
    let error: unknown;
    try {
      loadTokenEndpointConfig({ ...PRODUCTION_ENV, ...change }, 'aws');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(variable);
  });
});

describe('the invitation settings', () => {
  const aws = (env: TokenEndpointEnv) =>
    loadTokenEndpointConfig({ ...PRODUCTION_ENV, ...env }, 'aws');

  it('are off unless INVITATIONS is true, and on in local mode with the demo page', () => {
    expect(aws({}).invitations).toBeUndefined();
    expect(loadTokenEndpointConfig({}, 'local').invitations).toEqual({
      maxGuestsPerContact: 4,
      lifetimeSeconds: 900,
      guestScreenShare: false,
    });
    expect(loadTokenEndpointConfig({ INVITATIONS: 'false' }, 'local').invitations).toBeUndefined();
  });

  it('read every variable, a guest following the customer on video unless told', () => {
    expect(
      aws({ INVITATIONS: 'true', INVITATION_URL: 'https://shop.example/guest' }).invitations,
    ).toEqual({
      maxGuestsPerContact: 4,
      lifetimeSeconds: 900,
      guestScreenShare: false,
      url: 'https://shop.example/guest',
    });
    expect(
      aws({
        INVITATIONS: 'true',
        INVITATION_URL: 'https://shop.example/guest?lang=fr',
        MAX_GUESTS_PER_CONTACT: '2',
        INVITATION_LIFETIME_SECONDS: '600',
        GUEST_VIDEO: 'false',
        GUEST_SCREEN_SHARE: 'true',
      }).invitations,
    ).toEqual({
      maxGuestsPerContact: 2,
      lifetimeSeconds: 600,
      guestVideo: false,
      guestScreenShare: true,
      url: 'https://shop.example/guest?lang=fr',
    });
  });

  it.each<[TokenEndpointEnv, string]>([
    [{}, 'INVITATION_URL'],
    [{ INVITATION_URL: 'http://shop.example/guest' }, 'INVITATION_URL'],
    [{ INVITATION_URL: 'https://shop.example/guest#x' }, 'INVITATION_URL'],
    [{ INVITATION_URL: '/guest' }, 'INVITATION_URL'],
    [{ INVITATION_URL: 'https://u:p@shop.example/' }, 'INVITATION_URL'],
    [{ MAX_GUESTS_PER_CONTACT: '5' }, 'MAX_GUESTS_PER_CONTACT'],
    [{ MAX_GUESTS_PER_CONTACT: '0' }, 'MAX_GUESTS_PER_CONTACT'],
    [{ INVITATION_LIFETIME_SECONDS: '59' }, 'INVITATION_LIFETIME_SECONDS'],
    [{ INVITATION_LIFETIME_SECONDS: '86401' }, 'INVITATION_LIFETIME_SECONDS'],
    [{ GUEST_VIDEO: 'yes' }, 'GUEST_VIDEO'],
    [{ INVITATIONS: 'on' }, 'INVITATIONS'],
  ])('refuse %j, naming %s', (change, variable) => {
    // The first case leaves INVITATION_URL out; every other case has a good one but its change.
    const url =
      Object.keys(change).length === 0 ? {} : { INVITATION_URL: 'https://shop.example/g' };
    const env: TokenEndpointEnv = { INVITATIONS: 'true', ...url, ...change };
    expect(() => aws(env)).toThrow(ConfigError);
    expect(() => aws(env)).toThrow(new RegExp(`^${variable}: `));
  });

  it('take http only for a loopback guest page', () => {
    const local = aws({ INVITATIONS: 'true', INVITATION_URL: 'http://localhost:8080/' });
    expect(local.invitations?.url).toBe('http://localhost:8080/');
  });
});
