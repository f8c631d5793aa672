import { channelsFromAttribute, numberFromAttribute, type WidgetOptions } from '../core/config';
import type { SessionRequestFields } from '../core/session-request';
import type { WidgetEventName, WidgetEvents } from '../ui/widget-controller';
import { mount, type MountedWidget, type MountOptions } from './mount';

export const ELEMENT_NAME = 'connect-video-call';

/** Attributes (kebab-case) and the options they set. */
const ATTRIBUTES = {
  'token-endpoint': 'tokenEndpoint',
  'display-name': 'displayName',
  'ask-for-name': 'askForName',
  'customer-video': 'customerVideo',
  description: 'description',
  'screen-sharing-request-url': 'screenSharingRequestUrl',
  'invitation-request-url': 'invitationRequestUrl',
  'invitation-join-url': 'invitationJoinUrl',
  invitation: 'invitation',
  'other-channels-url': 'otherChannelsUrl',
  channels: 'channels',
  'chat-request-url': 'chatRequestUrl',
  'chat-on-video': 'chatOnVideo',
  locale: 'locale',
  theme: 'theme',
  position: 'position',
  'participant-service-endpoint': 'participantServiceEndpoint',
  region: 'region',
  credentials: 'credentials',
  'hide-launcher': 'hideLauncher',
  'request-timeout-ms': 'requestTimeoutMs',
} as const satisfies Record<string, keyof MountOptions>;

type AttributeName = keyof typeof ATTRIBUTES;
const BOOLEAN_OPTIONS = new Set(['askForName', 'customerVideo', 'hideLauncher']);

/** Every option is also a property (`element.displayName`, `element.getSession = …`). */
const PROPERTY_OPTIONS = [
  ...Object.values(ATTRIBUTES),
  'getSession',
  'headers',
  'references',
  'customerToken',
  'relatedContactId',
  'messages',
] as const satisfies readonly (keyof MountOptions)[];

/**
 * Server-side rendering (Next.js, Nuxt, Astro) evaluates the package where there is no DOM: the
 * class must still be definable there, and is usable only in a browser.
 */
function ElementBase(): typeof HTMLElement {
  return typeof HTMLElement === 'undefined' ? (class {} as typeof HTMLElement) : HTMLElement;
}

/**
 * `<connect-video-call token-endpoint="/api/session">`: the widget as a custom element for React,
 * Vue, Angular or plain HTML. Attributes and properties both set options (`display-name` and
 * `displayName`); object and function options (`attributes`, `getSession`, `headers`) are
 * properties. Changing an option after mount re-creates the widget unless a call is active.
 */
export class ConnectVideoCallElement extends ElementBase() {
  static get observedAttributes(): string[] {
    return Object.keys(ATTRIBUTES);
  }

  // Option properties, defined on the prototype below.
  declare tokenEndpoint?: string;
  declare getSession?: MountOptions['getSession'];
  declare headers?: Record<string, string>;
  declare credentials?: RequestCredentials;
  declare displayName?: string;
  declare askForName?: boolean;
  declare customerVideo?: boolean;
  declare contactAttributes?: Record<string, string>;
  declare references?: MountOptions['references'];
  declare description?: string;
  declare relatedContactId?: string;
  declare customerToken?: string;
  declare screenSharingRequestUrl?: string;
  declare invitationRequestUrl?: string;
  declare invitationJoinUrl?: string;
  declare invitation?: string;
  declare otherChannelsUrl?: string;
  declare channels?: MountOptions['channels'];
  declare chatRequestUrl?: string;
  declare chatOnVideo?: MountOptions['chatOnVideo'];
  declare locale?: string;
  declare theme?: MountOptions['theme'];
  declare position?: MountOptions['position'];
  declare participantServiceEndpoint?: string;
  declare region?: string;
  declare hideLauncher?: boolean;
  declare requestTimeoutMs?: number;
  declare messages?: MountOptions['messages'];

  private options: MountOptions = {};
  private widget?: MountedWidget;
  private scheduled = false;
  private active = false;

  /** All options at once (merged over attributes). */
  get config(): MountOptions {
    return { ...this.options };
  }
  set config(value: MountOptions) {
    this.options = { ...this.options, ...value };
    this.schedule();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    const option = ATTRIBUTES[name as AttributeName];
    if (!option) return;
    const next = { ...this.options } as Record<string, unknown>;
    if (value === null) delete next[option];
    else if (BOOLEAN_OPTIONS.has(option)) next[option] = value !== 'false';
    else if (option === 'requestTimeoutMs') next[option] = numberFromAttribute(value);
    else if (option === 'channels') next[option] = channelsFromAttribute(value);
    else next[option] = value;
    this.options = next as MountOptions;
    this.schedule();
  }

  connectedCallback(): void {
    // Properties set before the element was defined shadow the prototype's accessors: re-apply them.
    for (const option of [...PROPERTY_OPTIONS, 'contactAttributes']) {
      if (Object.prototype.hasOwnProperty.call(this, option)) {
        const value = (this as Record<string, unknown>)[option];
        delete (this as Record<string, unknown>)[option];
        (this as Record<string, unknown>)[option] = value;
      }
    }
    this.schedule();
  }

  disconnectedCallback(): void {
    // Moving the element within the page fires disconnect then connect in one task: wait a tick.
    queueMicrotask(() => {
      if (!this.isConnected) void this.unmount();
    });
  }

  open(): void {
    this.ensure()?.open();
  }
  close(): void {
    this.widget?.close();
  }
  start(fields?: Partial<SessionRequestFields>): void {
    this.ensure()?.start(fields);
  }
  async end(): Promise<void> {
    await this.widget?.end();
  }
  on<E extends WidgetEventName>(event: E, handler: (detail: WidgetEvents[E]) => void): () => void {
    const listener = (e: Event) => handler((e as CustomEvent<WidgetEvents[E]>).detail);
    this.addEventListener(`connect-video:${event}`, listener);
    return () => this.removeEventListener(`connect-video:${event}`, listener);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Properties set right after createElement() must all apply before the first mount.
    queueMicrotask(() => {
      this.scheduled = false;
      if (!this.isConnected || this.active) return;
      void this.unmount().then(() => this.ensure());
    });
  }

  private ensure(): MountedWidget | undefined {
    if (this.widget) return this.widget;
    if (!this.options.tokenEndpoint && !this.options.getSession) return undefined;
    try {
      this.widget = mount(this, this.options as WidgetOptions);
    } catch (error) {
      this.dispatchEvent(
        new CustomEvent('connect-video:error', {
          detail: { code: 'invalid-config', message: (error as Error).message },
          bubbles: true,
          composed: true,
        }),
      );
      return undefined;
    }
    this.widget.on('state', ({ state }) => {
      this.active = !['idle', 'ended', 'failed'].includes(state);
      this.dataset.state = state;
    });
    return this.widget;
  }

  private async unmount(): Promise<void> {
    const widget = this.widget;
    this.widget = undefined;
    this.active = false;
    await widget?.destroy();
  }
}

for (const option of PROPERTY_OPTIONS) {
  Object.defineProperty(ConnectVideoCallElement.prototype, option, {
    configurable: true,
    get(this: ConnectVideoCallElement) {
      return this.config[option];
    },
    set(this: ConnectVideoCallElement, value: unknown) {
      this.config = { [option]: value } as MountOptions;
    },
  });
}

// `attributes` is taken by the DOM (Element.attributes): the contact attributes are `contactAttributes`.
Object.defineProperty(ConnectVideoCallElement.prototype, 'contactAttributes', {
  configurable: true,
  get(this: ConnectVideoCallElement) {
    return this.config.attributes;
  },
  set(this: ConnectVideoCallElement, value: Record<string, string> | undefined) {
    this.config = { attributes: value };
  },
});

/** Registers `<connect-video-call>` once (safe to call from several bundles). */
export function defineConnectVideoElement(name: string = ELEMENT_NAME): void {
  if (!customElements.get(name))
    customElements.define(name, class extends ConnectVideoCallElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'connect-video-call': ConnectVideoCallElement;
  }
}
