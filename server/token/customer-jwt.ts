import { errors, jwtVerify } from 'jose';
import { ApiError } from './api-error.js';

/** The hosted widget's rule: a customer token lives at most 10 minutes. */
export const CUSTOMER_JWT_MAX_LIFETIME_SECONDS = 600;
/** Clocks of the host page's backend and ours may disagree by this much. */
export const CUSTOMER_JWT_CLOCK_TOLERANCE_SECONDS = 30;

const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;

function refused(code: string, message: string): ApiError {
  return new ApiError(401, code, message, 'customerToken', {
    'www-authenticate': 'Bearer error="invalid_token"',
  });
}

/**
 * Verifies the host page backend's HS256 token (claims `iat`, `exp`, optional `sub` and
 * `attributes`) and returns its trusted attributes. The algorithm is fixed here, never read from
 * the token's header, so `none` and every other algorithm are refused by jose itself.
 */
export async function verifyCustomerJwt(
  token: string,
  secret: Uint8Array,
  nowMs: number,
): Promise<Record<string, string>> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      requiredClaims: ['iat', 'exp'],
      currentDate: new Date(nowMs),
      clockTolerance: CUSTOMER_JWT_CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: CUSTOMER_JWT_MAX_LIFETIME_SECONDS,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw refused('CustomerTokenExpired', 'The customer token has expired.');
    }
    // One answer for every other failure (signature, algorithm, format): telling them apart helps
    // only someone probing the key.
    throw refused('CustomerTokenInvalid', 'The customer token is not valid.');
  }
  const iat = payload.iat as number;
  const exp = payload.exp as number;
  if (exp - iat > CUSTOMER_JWT_MAX_LIFETIME_SECONDS) {
    throw refused(
      'CustomerTokenTooLongLived',
      `The customer token may live at most ${CUSTOMER_JWT_MAX_LIFETIME_SECONDS} seconds (exp - iat).`,
    );
  }
  // jose accepts an `iat` in the future; a token "issued" later than now is a clock or forgery
  // problem either way.
  if (iat * 1000 > nowMs + CUSTOMER_JWT_CLOCK_TOLERANCE_SECONDS * 1000) {
    throw refused('CustomerTokenInvalid', 'The customer token is not valid yet.');
  }
  const attributes = payload.attributes;
  if (attributes === undefined) return {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw refused('CustomerTokenInvalid', 'The customer token attributes claim must be an object.');
  }
  const trusted: [string, string][] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (!ATTRIBUTE_KEY.test(key) || key === '__proto__' || typeof value !== 'string') {
      throw refused(
        'CustomerTokenInvalid',
        'The customer token attributes claim must map attribute keys to strings.',
      );
    }
    trusted.push([key, value]);
  }
  return Object.fromEntries(trusted);
}
