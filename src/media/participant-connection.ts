import {
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  DisconnectParticipantCommand,
  SendMessageCommand,
} from '@aws-sdk/client-connectparticipant';
import { bearerOnlyAuthSchemes } from './bearer-only-auth';

export interface ParticipantConnectionOptions {
  /** The contact's Connect region (the participant service is regional). */
  region: string;
  /** Another participant service endpoint, e.g. the local emulator's. */
  endpoint?: string;
}

/**
 * The customer's participant connection, used for DTMF (Connect's `audio/dtmf` messages) and to
 * disconnect the participant when the customer hangs up. The connection is created on first use
 * and re-created when its token expires.
 */
export class ParticipantConnection {
  private readonly client: ConnectParticipantClient;
  private connection?: Promise<{ token: string; expiresAt: number }>;
  /** The last DTMF message sent or being sent: the next one waits for it. */
  private dtmfSending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly participantToken: string,
    options: ParticipantConnectionOptions,
  ) {
    this.client = new ConnectParticipantClient({
      region: options.region,
      // A path (e.g. the local emulator's /emulator/participant) is taken relative to the page.
      endpoint: options.endpoint ? new URL(options.endpoint, location.href).href : undefined,
      httpAuthSchemes: bearerOnlyAuthSchemes as never,
      maxAttempts: 3,
    });
  }

  /**
   * Sends one DTMF message after the previous one has been answered: two requests in flight at
   * once can reach the service in either order, and a caller who pressed 4 then 2 would have
   * dialled 24.
   */
  sendDtmf(digits: string): Promise<void> {
    const sent = this.dtmfSending.then(async () => {
      const ConnectionToken = await this.connectionToken();
      await this.client.send(
        new SendMessageCommand({ ConnectionToken, ContentType: 'audio/dtmf', Content: digits }),
      );
    });
    this.dtmfSending = sent.catch(() => undefined);
    return sent;
  }

  /** Best effort: the meeting is left either way, and Connect ends the participant after 60 s. */
  async disconnect(): Promise<void> {
    if (!this.connection) return;
    try {
      const ConnectionToken = await this.connectionToken();
      await this.client.send(new DisconnectParticipantCommand({ ConnectionToken }));
    } catch {
      // Nothing more to do: leaving the meeting already ended the call for the customer.
    } finally {
      this.connection = undefined;
      this.client.destroy();
    }
  }

  private async connectionToken(): Promise<string> {
    const current = await this.connection?.catch(() => undefined);
    if (current && current.expiresAt - Date.now() > 60_000) return current.token;
    this.connection = this.client
      .send(
        new CreateParticipantConnectionCommand({
          ParticipantToken: this.participantToken,
          Type: ['CONNECTION_CREDENTIALS'],
        }),
      )
      .then(({ ConnectionCredentials }) => {
        if (!ConnectionCredentials?.ConnectionToken)
          throw new Error('No ConnectionToken in the answer.');
        const expiry = Date.parse(ConnectionCredentials.Expiry ?? '');
        return {
          token: ConnectionCredentials.ConnectionToken,
          expiresAt: Number.isFinite(expiry) ? expiry : Date.now() + 60 * 60_000,
        };
      });
    return (await this.connection).token;
  }
}
