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
