import type {
  GetSession,
  SessionReference,
  SessionRequestFields,
  SessionSource,
} from './session-request';
import { WidgetError } from './widget-error';

export type Theme = 'light' | 'dark' | 'auto';
export type Position = 'bottom-right' | 'bottom-left';
/** What the launcher offers. */
export type Channel = 'video' | 'chat';
/** After "Switch to video call": the chat ends once the call has its contact, or stays open. */
export type ChatOnVideo = 'end' | 'keep';

/** What a host passes to the widget (npm `mount`, the custom element, `window.ConnectVideo`). */
export interface WidgetOptions {
  /** The token endpoint: an absolute http(s) URL or a path on the page's origin. */
  tokenEndpoint?: string;
  /** Instead of tokenEndpoint: the host obtains the session itself (see requestSession). */
  getSession?: GetSession;
  /** Extra headers for the token endpoint (the host's own auth or CSRF token). */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  /** The customer's name as the agent sees it (Connect: 1 to 256 characters). */
  displayName?: string;
  /** Show a short name form before the call. Default: true when no displayName is given. */
  askForName?: boolean;
  /** Contact attributes. Customer-editable: anything that must be trusted goes in customerToken. */
  attributes?: Record<string, string>;
  references?: Record<string, SessionReference>;
  description?: string;
  relatedContactId?: string;
  /** The host site's signed customer JWT, passed to the token endpoint as `customerToken`. */
  customerToken?: string;
  /** The token endpoint's screen-sharing route; the "share my screen" request is offered only with it. */
  screenSharingRequestUrl?: string;
  /**
   * The token endpoint's invitation route (`/api/invitation`): the customer may then invite someone
   * into the call, when the endpoint allows it for the session.
   */
  invitationRequestUrl?: string;
  /**
   * The token endpoint's join route (`/api/invitation/join`): with it, a page opened from an
   * invitation link (`#connect-video-invitation=…`, or `invitation`) joins that call as a guest.
   */
  invitationJoinUrl?: string;
  /** An invitation the host page read itself; default: the one in the page's address. */
  invitation?: string;
  /**
   * The business's other ways to be reached (a contact page), linked where this browser cannot make
   * video calls. Its text is the `otherChannels` message, the advice above it `unsupportedHelp`.
   */
  otherChannelsUrl?: string;
  /**
   * What the launcher offers: `['video']` (the default), `['chat']` or both. Chat needs
   * chatRequestUrl. In a data attribute: `data-channels="video chat"`.
   */
  channels?: Channel[];
  /** The token endpoint's chat route (`/api/chat`); required when channels include chat. */
  chatRequestUrl?: string;
  /**
   * After the customer switches from a chat to a video call (the call names the chat as its
   * RelatedContactId): `end` the chat once the call has its contact, or `keep` it open (default).
   */
  chatOnVideo?: ChatOnVideo;
  /** A BCP 47 tag, e.g. `en-GB`. Default: the browser's language. */
  locale?: string;
  /**
   * Whether calls may send the customer's camera. When false, the screens before the call neither
   * ask for the camera nor show its preview. It grants nothing: the token endpoint's
   * AllowedCapabilities decide what the call may do. Default true.
   */
  customerVideo?: boolean;
  /**
   * Replacement backgrounds the customer may choose besides the built-in ones: image URLs, served
   * with CORS (`Access-Control-Allow-Origin`) when on another origin, and allowed by `img-src`.
   */
  backgroundImages?: string[];
  /** Default `auto` (follows prefers-color-scheme). */
  theme?: Theme;
  /** Default `bottom-right`. */
  position?: Position;
  /** Overrides the participant service endpoint (the local emulator). */
  participantServiceEndpoint?: string;
  /** The AWS region of the Connect instance, for the participant service client. */
  region?: string;
  /**
   * How long one attempt to get the session may take, in milliseconds, before it counts as failed
   * (and is retried with the same client token). Whole milliseconds from 500 to 120 000; default
   * 15 000.
   */
  requestTimeoutMs?: number;
}

export interface WidgetConfig {
  /** Ready for requestSession. */
  session: SessionSource;
  /** The request fields known up front; the name form may still fill in displayName. */
  fields: SessionRequestFields;
  askForName: boolean;
  customerVideo: boolean;
  backgroundImages?: string[];
  screenSharingRequestUrl?: string;
  invitationRequestUrl?: string;
  invitationJoinUrl?: string;
  invitation?: string;
  otherChannelsUrl?: string;
  /** Never empty; `['video']` by default. */
  channels: Channel[];
  chatRequestUrl?: string;
  chatOnVideo: ChatOnVideo;
  locale?: string;
  theme: Theme;
  position: Position;
  participantServiceEndpoint?: string;
  region?: string;
  /** Per attempt; requestSession's default when absent. */
  requestTimeoutMs?: number;
}

const THEMES: readonly Theme[] = ['light', 'dark', 'auto'];
const POSITIONS: readonly Position[] = ['bottom-right', 'bottom-left'];
const CHANNELS: readonly Channel[] = ['video', 'chat'];
const CHAT_ON_VIDEO: readonly ChatOnVideo[] = ['end', 'keep'];
const CREDENTIALS: readonly RequestCredentials[] = ['omit', 'same-origin', 'include'];
const REFERENCE_TYPES: readonly SessionReference['Type'][] = [
  'URL',
  'NUMBER',
  'STRING',
  'DATE',
  'EMAIL',
];
// StartWebRTCContact limits (connect-webrtc.md, "Inputs and their limits").
const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;
const MAX_ATTRIBUTES_BYTES = 32_768;
const MAX_REFERENCES_BYTES = 4_096;
const MAX_DISPLAY_NAME = 256;
const MAX_DESCRIPTION = 4_096;
const MAX_RELATED_CONTACT_ID = 256;
// Below half a second a healthy endpoint on a slow network times out; past two minutes the
// customer has long given up.
const MIN_REQUEST_TIMEOUT_MS = 500;
const MAX_REQUEST_TIMEOUT_MS = 120_000;

type Name = (option: keyof WidgetOptions) => string;
type Source = Record<string, unknown>;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

function isRecord(value: unknown): value is Source {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function urlOrPath(value: string): boolean {
  if (value.trim() !== value || value === '') return false;
  try {
    // Relative values resolve against any base; absolute ones must be http(s) (no javascript:).
    const url = new URL(value, 'https://base.invalid/');
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function resolve(input: unknown, name: Name): WidgetConfig {
  const fail = (option: keyof WidgetOptions, expectation: string): never => {
    throw new WidgetError('invalid-config', `${name(option)} ${expectation}`);
  };
  if (!isRecord(input)) throw new WidgetError('invalid-config', 'options must be an object');
  const o = input as Source & WidgetOptions;

  const optionalString = (option: keyof WidgetOptions, max = Infinity): string | undefined => {
    const value = o[option];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') fail(option, 'must be a non-empty string');
    if ((value as string).length > max) fail(option, `must be at most ${max} characters`);
    return value as string;
  };
  const optionalUrl = (option: keyof WidgetOptions): string | undefined => {
    const value = o[option];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !urlOrPath(value)) fail(option, 'must be a URL or path');
    return value as string;
  };
  const optionalOneOf = <T extends string>(option: keyof WidgetOptions, allowed: readonly T[]) => {
    const value = o[option];
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) fail(option, `must be one of ${allowed.join(', ')}`);
    return value as T;
  };
  const stringRecord = (option: keyof WidgetOptions): Record<string, string> | undefined => {
    const value = o[option];
    if (value === undefined) return undefined;
    if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) {
      fail(option, 'must be an object of strings');
    }
    return { ...(value as Record<string, string>) };
  };

  // Where the session comes from: exactly one of tokenEndpoint and getSession.
  const tokenEndpoint = optionalUrl('tokenEndpoint');
  if (o.getSession !== undefined && typeof o.getSession !== 'function') {
    fail('getSession', 'must be a function');
  }
  if (tokenEndpoint !== undefined && o.getSession !== undefined) {
    fail('tokenEndpoint', `and ${name('getSession')} cannot both be given`);
  }
  const headers = stringRecord('headers');
  const credentials = optionalOneOf('credentials', CREDENTIALS);
  let session: SessionSource;
  if (tokenEndpoint !== undefined) {
    session = {
      url: tokenEndpoint,
      ...(headers ? { headers } : {}),
      ...(credentials ? { credentials } : {}),
    };
  } else if (o.getSession !== undefined) {
    session = { getSession: o.getSession };
  } else {
    return fail('tokenEndpoint', `or ${name('getSession')} is required`);
  }

  const fields: SessionRequestFields = {};
  const displayName = optionalString('displayName', MAX_DISPLAY_NAME);
  if (displayName !== undefined) fields.displayName = displayName;

  const attributes = stringRecord('attributes');
  if (attributes) {
    let bytes = 0;
    for (const [key, value] of Object.entries(attributes)) {
      if (!ATTRIBUTE_KEY.test(key)) {
        fail('attributes', `key "${key}" may only contain A-Z a-z 0-9 - _`);
      }
      bytes += utf8Bytes(key) + utf8Bytes(value);
    }
    if (bytes > MAX_ATTRIBUTES_BYTES) {
      fail('attributes', `must total at most ${MAX_ATTRIBUTES_BYTES} UTF-8 bytes`);
    }
    fields.attributes = attributes;
  }

  if (o.references !== undefined) {
    if (!isRecord(o.references)) fail('references', 'must be an object');
    const references: Record<string, SessionReference> = {};
    let bytes = 0;
    for (const [key, reference] of Object.entries(o.references as Source)) {
      // AWS's own field names: the token endpoint passes references to StartWebRTCContact as they are.
      const { Type: type, Value: value } = isRecord(reference) ? reference : {};
      if (
        !REFERENCE_TYPES.includes(type as SessionReference['Type']) ||
        typeof value !== 'string'
      ) {
        fail(
          'references',
          `"${key}" must be { Type: ${REFERENCE_TYPES.join('|')}, Value: string }`,
        );
      }
      references[key] = { Type: type as SessionReference['Type'], Value: value as string };
      bytes += utf8Bytes(key) + utf8Bytes(value as string);
    }
    if (bytes > MAX_REFERENCES_BYTES) {
      fail('references', `must total at most ${MAX_REFERENCES_BYTES} UTF-8 bytes`);
    }
    fields.references = references;
  }

  const description = optionalString('description', MAX_DESCRIPTION);
  if (description !== undefined) fields.description = description;
  const relatedContactId = optionalString('relatedContactId', MAX_RELATED_CONTACT_ID);
  if (relatedContactId !== undefined) fields.relatedContactId = relatedContactId;
  const customerToken = optionalString('customerToken');
  if (customerToken !== undefined) fields.customerToken = customerToken;

  if (o.askForName !== undefined && typeof o.askForName !== 'boolean') {
    fail('askForName', 'must be true or false');
  }
  if (o.customerVideo !== undefined && typeof o.customerVideo !== 'boolean') {
    fail('customerVideo', 'must be true or false');
  }

  const locale = optionalString('locale');
  if (locale !== undefined) {
    try {
      Intl.getCanonicalLocales(locale);
    } catch {
      fail('locale', 'must be a BCP 47 language tag such as en-GB');
    }
  }

  const region = optionalString('region');
  // AWS region names: us-east-1, eu-central-1, ap-southeast-2, us-gov-west-1, ...
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    fail('region', 'must be an AWS region such as us-east-1');
  }

  const requestTimeoutMs = o.requestTimeoutMs;
  if (
    requestTimeoutMs !== undefined &&
    (typeof requestTimeoutMs !== 'number' ||
      !Number.isInteger(requestTimeoutMs) ||
      requestTimeoutMs < MIN_REQUEST_TIMEOUT_MS ||
      requestTimeoutMs > MAX_REQUEST_TIMEOUT_MS)
  ) {
    fail(
      'requestTimeoutMs',
      `must be whole milliseconds from ${MIN_REQUEST_TIMEOUT_MS} to ${MAX_REQUEST_TIMEOUT_MS}`,
    );
  }

  let channels: Channel[] = ['video'];
  if (o.channels !== undefined) {
    const value: unknown = o.channels;
    if (
      !Array.isArray(value) ||
      value.length === 0 ||
      !value.every((channel) => CHANNELS.includes(channel as Channel))
    )
      fail('channels', `must list one or both of ${CHANNELS.join(', ')}`);
    channels = CHANNELS.filter((channel) => (value as unknown[]).includes(channel));
  }
  const chatRequestUrl = optionalUrl('chatRequestUrl');
  if (channels.includes('chat') && chatRequestUrl === undefined)
    fail('chatRequestUrl', `is required when ${name('channels')} include chat`);

  const config: WidgetConfig = {
    session,
    fields,
    askForName: o.askForName ?? displayName === undefined,
    customerVideo: o.customerVideo ?? true,
    channels,
    chatOnVideo: optionalOneOf('chatOnVideo', CHAT_ON_VIDEO) ?? 'keep',
    theme: optionalOneOf('theme', THEMES) ?? 'auto',
    position: optionalOneOf('position', POSITIONS) ?? 'bottom-right',
  };
  if (o.backgroundImages !== undefined) {
    const images: unknown = o.backgroundImages;
    if (
      !Array.isArray(images) ||
      images.length > 12 ||
      !images.every((url) => typeof url === 'string' && urlOrPath(url))
    )
      fail('backgroundImages', 'must be a list of at most 12 image URLs or paths');
    config.backgroundImages = images as string[];
  }
  const screenSharingRequestUrl = optionalUrl('screenSharingRequestUrl');
  if (screenSharingRequestUrl !== undefined)
    config.screenSharingRequestUrl = screenSharingRequestUrl;
  const invitationRequestUrl = optionalUrl('invitationRequestUrl');
  if (invitationRequestUrl !== undefined) config.invitationRequestUrl = invitationRequestUrl;
  const invitationJoinUrl = optionalUrl('invitationJoinUrl');
  if (invitationJoinUrl !== undefined) config.invitationJoinUrl = invitationJoinUrl;
  if (o.invitation !== undefined) {
    if (typeof o.invitation !== 'string' || !/^[\w.-]{1,8192}$/.test(o.invitation))
      fail('invitation', 'must be the token from an invitation link');
    if (invitationJoinUrl === undefined)
      fail('invitation', 'needs invitationJoinUrl, the route that accepts it');
    config.invitation = o.invitation;
  }
  const otherChannelsUrl = optionalUrl('otherChannelsUrl');
  if (otherChannelsUrl !== undefined) config.otherChannelsUrl = otherChannelsUrl;
  if (chatRequestUrl !== undefined) config.chatRequestUrl = chatRequestUrl;
  if (locale !== undefined) config.locale = locale;
  const participantServiceEndpoint = optionalUrl('participantServiceEndpoint');
  if (participantServiceEndpoint !== undefined) {
    config.participantServiceEndpoint = participantServiceEndpoint;
  }
  if (region !== undefined) config.region = region;
  if (requestTimeoutMs !== undefined) config.requestTimeoutMs = requestTimeoutMs;
  return config;
}

/**
 * Checks the host's options and fills in defaults. Throws `WidgetError('invalid-config')` naming
 * the option, e.g. `tokenEndpoint must be a URL or path`. Unknown options are ignored, so the embed
 * layers can pass their own (event handlers, the container) in the same object.
 */
export function resolveWidgetConfig(input: unknown): WidgetConfig {
  return resolve(input, (option) => option);
}

/** The `data-*` attribute for an option: tokenEndpoint -> data-token-endpoint. */
const attributeName = (option: string) =>
  `data-${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** Options a script tag can carry; the rest (functions, objects) need the JavaScript API. */
const DATA_OPTIONS = [
  'tokenEndpoint',
  'displayName',
  'askForName',
  'customerVideo',
  'backgroundImages',
  'attributes',
  'description',
  'credentials',
  'screenSharingRequestUrl',
  'invitationRequestUrl',
  'invitationJoinUrl',
  'invitation',
  'otherChannelsUrl',
  'channels',
  'chatRequestUrl',
  'chatOnVideo',
  'locale',
  'theme',
  'position',
  'participantServiceEndpoint',
  'region',
  'requestTimeoutMs',
] as const satisfies readonly (keyof WidgetOptions)[];

/**
 * An HTML attribute's value for a numeric option: a number when it is one; anything else is kept,
 * so that the options check names the attribute and what was wrong.
 */
export function numberFromAttribute(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** `"video chat"` (spaces or commas) -> `['video', 'chat']`; the options check judges the words. */
export function channelsFromAttribute(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

/**
 * The script-tag embed's options, from its `dataset` (`data-token-endpoint`, `data-display-name`,
 * `data-ask-for-name="false"`, `data-attributes='{"plan":"gold"}'`, `data-locale`, `data-theme`,
 * `data-position`, `data-request-timeout-ms="5000"`, ...). Errors name the attribute, e.g. `data-theme must be one of ...`.
 */
export function configFromDataAttributes(
  dataset: Record<string, string | undefined>,
): WidgetConfig {
  // getSession cannot be written in HTML, so the endpoint is the only way a script tag gets a session.
  if (dataset['tokenEndpoint'] === undefined) {
    throw new WidgetError('invalid-config', 'data-token-endpoint is required');
  }
  const options: Source = {};
  for (const option of DATA_OPTIONS) {
    const value = dataset[option];
    if (value === undefined) continue;
    if (option === 'askForName' || option === 'customerVideo') {
      // A bare `data-ask-for-name` attribute is "" and means true, like a boolean HTML attribute.
      options[option] = value === '' || value === 'true' ? true : value === 'false' ? false : value;
    } else if (option === 'requestTimeoutMs') {
      options[option] = numberFromAttribute(value);
    } else if (option === 'backgroundImages') {
      // URLs separated by spaces (a URL has none), like `srcset`.
      options[option] = value.split(/\s+/).filter(Boolean);
    } else if (option === 'channels') {
      options[option] = channelsFromAttribute(value);
    } else if (option === 'attributes') {
      try {
        options[option] = JSON.parse(value);
      } catch {
        throw new WidgetError(
          'invalid-config',
          `${attributeName(option)} must be a JSON object of strings`,
        );
      }
    } else options[option] = value;
  }
  return resolve(options, attributeName);
}
