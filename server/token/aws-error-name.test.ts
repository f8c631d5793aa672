import { describe, expect, it } from 'vitest';
import { awsErrorName } from './aws-error-name.js';

describe('awsErrorName', () => {
  it("is an SDK error's name", () => {
    const error = Object.assign(new Error('User arn:aws:iam::111122223333:role/x is denied'), {
      name: 'AccessDeniedException',
    });
    expect(awsErrorName(error)).toBe('AccessDeniedException');
  });

  it("is a socket failure's code, which comes as a plain Error", () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(awsErrorName(error)).toBe('ECONNREFUSED');
  });

  it('is nothing for a plain Error without a code, or no error', () => {
    expect(awsErrorName(new Error('boom'))).toBeUndefined();
    expect(awsErrorName(undefined)).toBeUndefined();
    expect(awsErrorName(null)).toBeUndefined();
  });
});
