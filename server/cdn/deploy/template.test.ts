import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { readCloudFormationYaml } from '../../token/testing/read-cloudformation-yaml.js';
import {
  CHUNK_CACHE_CONTROL,
  ENTRY_CACHE_CONTROL,
  ENTRY_MAX_AGE,
  widgetHeaders,
} from '../widget-headers.js';

type Node = Record<string, unknown>;
let template: Node;
const resources = () => template.Resources as Record<string, Node & { Type: string }>;
const props = (name: string) => resources()[name]!.Properties as Node;
const at = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (value as Node | undefined)?.[key], node);

beforeAll(async () => {
  template = await readCloudFormationYaml(
    await readFile(new URL('./template.yaml', import.meta.url), 'utf8'),
  );
});

/**
 * The properties CloudFormation documents for what this template declares (AWS CloudFormation
 * Template Reference: AWS::S3::Bucket, AWS::S3::BucketPolicy, AWS::CloudFront::OriginAccessControl,
 * CachePolicy, ResponseHeadersPolicy and Distribution), as nested key sets; `true` is a value the
 * check does not descend into. A misspelt or invented key fails here instead of at deploy time.
 */
type Shape = { [key: string]: Shape | true } | [Shape];
const CORS_ITEMS: Shape = { Items: true };
const CACHE_BEHAVIOR: Shape = {
  AllowedMethods: true,
  CachePolicyId: true,
  CachedMethods: true,
  Compress: true,
  FieldLevelEncryptionId: true,
  FunctionAssociations: true,
  LambdaFunctionAssociations: true,
  OriginRequestPolicyId: true,
  PathPattern: true,
  RealtimeLogConfigArn: true,
  ResponseHeadersPolicyId: true,
  TargetOriginId: true,
  TrustedKeyGroups: true,
  ViewerProtocolPolicy: true,
};
const SHAPES: Record<string, Shape> = {
  'AWS::S3::Bucket': {
    BucketName: true,
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: true, KMSMasterKeyID: true },
        },
      ],
    },
    OwnershipControls: { Rules: [{ ObjectOwnership: true }] },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
    VersioningConfiguration: true,
  },
  'AWS::S3::BucketPolicy': { Bucket: true, PolicyDocument: true },
  'AWS::CloudFront::OriginAccessControl': {
    OriginAccessControlConfig: {
      Description: true,
      Name: true,
      OriginAccessControlOriginType: true,
      SigningBehavior: true,
      SigningProtocol: true,
    },
  },
  'AWS::CloudFront::CachePolicy': {
    CachePolicyConfig: {
      Comment: true,
      DefaultTTL: true,
      MaxTTL: true,
      MinTTL: true,
      Name: true,
      ParametersInCacheKeyAndForwardedToOrigin: {
        CookiesConfig: { CookieBehavior: true, Cookies: true },
        EnableAcceptEncodingBrotli: true,
        EnableAcceptEncodingGzip: true,
        HeadersConfig: { HeaderBehavior: true, Headers: true },
        QueryStringsConfig: { QueryStringBehavior: true, QueryStrings: true },
      },
    },
  },
  'AWS::CloudFront::ResponseHeadersPolicy': {
    ResponseHeadersPolicyConfig: {
      Comment: true,
      CorsConfig: {
        AccessControlAllowCredentials: true,
        AccessControlAllowHeaders: CORS_ITEMS,
        AccessControlAllowMethods: CORS_ITEMS,
        AccessControlAllowOrigins: CORS_ITEMS,
        AccessControlExposeHeaders: CORS_ITEMS,
        AccessControlMaxAgeSec: true,
        OriginOverride: true,
      },
      CustomHeadersConfig: { Items: [{ Header: true, Override: true, Value: true }] },
      Name: true,
      RemoveHeadersConfig: true,
      SecurityHeadersConfig: {
        ContentSecurityPolicy: true,
        ContentTypeOptions: { Override: true },
        FrameOptions: true,
        ReferrerPolicy: true,
        StrictTransportSecurity: true,
        XSSProtection: true,
      },
      ServerTimingHeadersConfig: true,
    },
  },
  'AWS::CloudFront::Distribution': {
    DistributionConfig: {
      Aliases: true,
      CacheBehaviors: [CACHE_BEHAVIOR],
      Comment: true,
      CustomErrorResponses: true,
      DefaultCacheBehavior: CACHE_BEHAVIOR,
      DefaultRootObject: true,
      Enabled: true,
      HttpVersion: true,
      IPV6Enabled: true,
      Logging: true,
      Origins: [
        {
          ConnectionAttempts: true,
          ConnectionTimeout: true,
          DomainName: true,
          Id: true,
          OriginAccessControlId: true,
          OriginPath: true,
          OriginShield: true,
          S3OriginConfig: { OriginAccessIdentity: true, OriginReadTimeout: true },
        },
      ],
      PriceClass: true,
      ViewerCertificate: true,
      WebACLId: true,
    },
  },
};

/** Keys of `value` that `shape` does not know, as paths. */
function unknownKeys(value: unknown, shape: Shape, path: string): string[] {
  if (Array.isArray(shape)) {
    expect(Array.isArray(value), `${path} is a list`).toBe(true);
    return (value as unknown[]).flatMap((item, i) => unknownKeys(item, shape[0], `${path}[${i}]`));
  }
  expect(typeof value, `${path} is a mapping`).toBe('object');
  return Object.entries(value as Node).flatMap(([key, child]) => {
    const inner = shape[key];
    if (inner === undefined) return [`${path}.${key}`];
    return inner === true ? [] : unknownKeys(child, inner, `${path}.${key}`);
  });
}

/** Every name a `Ref`, `Fn::GetAtt` or `${…}` in `Fn::Sub` points at. */
function references(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(references);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Node;
  if (typeof record.Ref === 'string') return [record.Ref];
  if (Array.isArray(record['Fn::GetAtt'])) {
    const [name, attribute] = record['Fn::GetAtt'] as [string, string];
    return [`${name}.${attribute}`];
  }
  if (typeof record['Fn::Sub'] === 'string')
    return [...record['Fn::Sub'].matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1]!);
  return Object.values(record).flatMap(references);
}

const behaviors = () => {
  const config = props('Distribution').DistributionConfig as Node;
  return {
    entry: config.DefaultCacheBehavior as Node,
    chunks: config.CacheBehaviors as Node[],
  };
};

describe('server/cdn/deploy/template.yaml (CloudFormation)', () => {
  it('declares only resource types and properties CloudFormation documents', () => {
    expect(template).not.toHaveProperty('Transform');
    const types = Object.values(resources()).map((resource) => resource.Type);
    expect(types.sort()).toEqual(
      [
        'AWS::CloudFront::CachePolicy',
        'AWS::CloudFront::CachePolicy',
        'AWS::CloudFront::Distribution',
        'AWS::CloudFront::OriginAccessControl',
        'AWS::CloudFront::ResponseHeadersPolicy',
        'AWS::CloudFront::ResponseHeadersPolicy',
        'AWS::S3::Bucket',
        'AWS::S3::BucketPolicy',
      ].sort(),
    );
    for (const [name, resource] of Object.entries(resources())) {
      expect(unknownKeys(resource.Properties, SHAPES[resource.Type]!, name)).toEqual([]);
    }
  });

  it('refers only to declared parameters, resources and their documented attributes', () => {
    const known = new Set([
      ...Object.keys(template.Parameters as Node),
      ...Object.keys(resources()),
      'AWS::AccountId',
      'AWS::Partition',
      'AWS::StackName',
      // Fn::GetAtt attributes CloudFormation documents for these types.
      'WidgetBucket.Arn',
      'WidgetBucket.RegionalDomainName',
      'OriginAccessControl.Id',
      'Distribution.DomainName',
    ]);
    const used = [...references(template.Resources), ...references(template.Outputs)];
    expect(used.filter((name) => !known.has(name))).toEqual([]);
  });

  it('keeps the bucket private and encrypted, readable by this distribution only', () => {
    const bucket = props('WidgetBucket');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
    expect(
      at(
        bucket,
        'BucketEncryption',
        'ServerSideEncryptionConfiguration',
        '0',
        'ServerSideEncryptionByDefault',
        'SSEAlgorithm',
      ),
    ).toBe('AES256');
    expect(resources().WidgetBucket!.DeletionPolicy).toBe('Retain');

    const policy = props('WidgetBucketPolicy');
    expect(policy.Bucket).toEqual({ Ref: 'WidgetBucket' });
    const statements = at(policy, 'PolicyDocument', 'Statement') as Node[];
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'ReadByThisDistributionOnly',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Sub': '${WidgetBucket.Arn}/*' },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Sub':
                'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}',
            },
          },
        },
      },
    ]);
    const denies = statements.filter((statement) => statement.Effect === 'Deny');
    expect(denies).toEqual([
      expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': false } } }),
    ]);
  });

  it('reaches the bucket through origin access control, signing every request', () => {
    expect(props('OriginAccessControl').OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const origins = at(props('Distribution'), 'DistributionConfig', 'Origins') as Node[];
    expect(origins).toEqual([
      {
        Id: 'WidgetBucket',
        DomainName: { 'Fn::GetAtt': ['WidgetBucket', 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': ['OriginAccessControl', 'Id'] },
        // Empty: with origin access control there is no origin access identity.
        S3OriginConfig: { OriginAccessIdentity: '' },
      },
    ]);
  });

  it('sends CORS headers for the configured origins, * by default, without credentials', () => {
    const parameters = template.Parameters as Record<string, Node>;
    expect(parameters.AllowedOrigins).toMatchObject({ Type: 'CommaDelimitedList', Default: '*' });
    const configs = ['EntryHeadersPolicy', 'ChunkHeadersPolicy'].map(
      (name) => at(props(name), 'ResponseHeadersPolicyConfig') as Node,
    );
    for (const config of configs) {
      const cors = config.CorsConfig as Node;
      expect(cors.AccessControlAllowOrigins).toEqual({ Items: { Ref: 'AllowedOrigins' } });
      expect(cors.AccessControlAllowCredentials).toBe(false);
      // CloudFront's headers, not whatever the origin might send.
      expect(cors.OriginOverride).toBe(true);
      const methods = at(cors, 'AccessControlAllowMethods', 'Items') as string[];
      expect(methods).toEqual(['GET', 'HEAD', 'OPTIONS']);
      expect(at(cors, 'AccessControlAllowHeaders', 'Items')).toEqual(expect.any(Array));
      expect(at(config, 'SecurityHeadersConfig', 'ContentTypeOptions')).toEqual({ Override: true });
    }
    expect(configs[0]!.CorsConfig).toEqual(configs[1]!.CorsConfig);
  });

  it('caches the entry files briefly and the chunks for good, in browsers and at the edge', () => {
    const parameters = template.Parameters as Record<string, Node>;
    expect(parameters.EntryMaxAge!.Default).toBe(ENTRY_MAX_AGE);
    const cacheControl = (name: string) =>
      at(props(name), 'ResponseHeadersPolicyConfig', 'CustomHeadersConfig', 'Items') as Node[];
    // The entry's value with the parameter at its default is what the README recommends.
    const [entry] = cacheControl('EntryHeadersPolicy');
    expect(entry).toMatchObject({ Header: 'Cache-Control', Override: true });
    expect((entry!.Value as Node)['Fn::Sub']).toBe('public, max-age=${EntryMaxAge}');
    expect(
      ((entry!.Value as Node)['Fn::Sub'] as string).replace(
        '${EntryMaxAge}',
        String(ENTRY_MAX_AGE),
      ),
    ).toBe(ENTRY_CACHE_CONTROL);
    expect(cacheControl('ChunkHeadersPolicy')).toEqual([
      { Header: 'Cache-Control', Value: CHUNK_CACHE_CONTROL, Override: true },
    ]);
    expect(CHUNK_CACHE_CONTROL).toBe(widgetHeaders('/chunks/x.js')['cache-control']);

    const ttl = (name: string) => at(props(name), 'CachePolicyConfig') as Node;
    expect(ttl('EntryCachePolicy')).toMatchObject({
      MinTTL: 0,
      DefaultTTL: { Ref: 'EntryMaxAge' },
      MaxTTL: { Ref: 'EntryMaxAge' },
    });
    expect(ttl('ChunkCachePolicy')).toMatchObject({
      MinTTL: 31536000,
      DefaultTTL: 31536000,
      MaxTTL: 31536000,
    });
    for (const name of ['EntryCachePolicy', 'ChunkCachePolicy']) {
      // Nothing of the request in the key: `?retry=<time>` is answered from the edge's copy and
      // never reaches the bucket; compressed copies are cached apart.
      expect(at(ttl(name), 'ParametersInCacheKeyAndForwardedToOrigin')).toEqual({
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        HeadersConfig: { HeaderBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
      });
    }
  });

  it('routes chunks/ (at the root or under a version folder) to the chunk policies, the rest to the entry ones', () => {
    const { entry, chunks } = behaviors();
    expect(entry).toMatchObject({
      CachePolicyId: { Ref: 'EntryCachePolicy' },
      ResponseHeadersPolicyId: { Ref: 'EntryHeadersPolicy' },
    });
    expect(chunks.map((behavior) => behavior.PathPattern)).toEqual(['chunks/*', '*/chunks/*']);
    for (const behavior of chunks) {
      expect(behavior).toMatchObject({
        CachePolicyId: { Ref: 'ChunkCachePolicy' },
        ResponseHeadersPolicyId: { Ref: 'ChunkHeadersPolicy' },
      });
    }
    for (const behavior of [entry, ...chunks]) {
      expect(behavior).toMatchObject({
        TargetOriginId: 'WidgetBucket',
        ViewerProtocolPolicy: 'redirect-to-https',
        Compress: true,
        // Two of the three combinations CloudFront accepts, and the two it caches.
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        CachedMethods: ['GET', 'HEAD'],
      });
    }
    const config = props('Distribution').DistributionConfig as Node;
    expect(['http1.1', 'http2', 'http3', 'http2and3']).toContain(config.HttpVersion);
    expect(config.Enabled).toBe(true);
  });
});
