import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/** Reads the whole request body, refusing (413) anything over `limitBytes` without buffering it. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    throw new HttpError(
      413,
      'PayloadTooLarge',
      `The request body is larger than ${limitBytes} bytes.`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      req.resume();
      throw new HttpError(
        413,
        'PayloadTooLarge',
        `The request body is larger than ${limitBytes} bytes.`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `{}` (the AWS SDK sends none for some GETs). */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const raw = await readBody(req, limitBytes);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'InvalidJson', 'The request body is not valid JSON.');
  }
}
