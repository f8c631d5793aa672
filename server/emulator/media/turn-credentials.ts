import { createHmac } from 'node:crypto';

/** What JOIN_ACK's `turn_credentials` carries (SdkTurnCredentials in the SDK's protocol). */
export interface TurnCredentials {
  username: string;
  password: string;
  /** Seconds the credentials stay valid. */
  ttl: number;
  uris: string[];
}

/**
 * Time-limited TURN credentials in the TURN REST scheme that coturn's `--use-auth-secret` checks
 * (draft-uberti-behave-turn-rest): the user name is `<expiry unix seconds>:<user>`, the password
 * base64(HMAC-SHA1(shared secret, user name)). Nothing is stored: the TURN server recomputes the
 * password from the secret and refuses the name once its expiry has passed.
 */
export function turnCredentials(options: {
  secret: string;
  user: string;
  ttlSeconds: number;
  uris: string[];
  now?: number;
}): TurnCredentials {
  const expiry = Math.floor((options.now ?? Date.now()) / 1000) + options.ttlSeconds;
  const username = `${expiry}:${options.user}`;
  const password = createHmac('sha1', options.secret).update(username).digest('base64');
  return { username, password, ttl: options.ttlSeconds, uris: [...options.uris] };
}
