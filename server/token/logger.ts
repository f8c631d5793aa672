/**
 * What one log line may hold. Deliberately a closed set of operational fields: no body, no header,
 * no token, no name or attribute can be logged by accident, because there is no field for it.
 */
export interface LogFields {
  route?: string;
  method?: string;
  status?: number;
  code?: string;
  durationMs?: number;
  /** Amazon Connect's own identifier; it is not personal data and ties our log to AWS's. */
  contactId?: string;
  awsError?: string;
  awsStatus?: number;
  awsRequestId?: string;
  attempts?: number;
  authenticated?: boolean;
}

export interface TokenLogger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** One JSON object per line on stdout/stderr: what CloudWatch Logs and most collectors parse. */
export const jsonLogger: TokenLogger = {
  info: (event, fields) => console.log(JSON.stringify({ level: 'info', event, ...fields })),
  warn: (event, fields) => console.warn(JSON.stringify({ level: 'warn', event, ...fields })),
  error: (event, fields) => console.error(JSON.stringify({ level: 'error', event, ...fields })),
};

export const silentLogger: TokenLogger = { info() {}, warn() {}, error() {} };
