import { describe, expect, it } from 'vitest';
import { sdkExport } from './sdk-export';
import * as consoleLogger from 'amazon-chime-sdk-js/build/logger/ConsoleLogger';
import * as logLevel from 'amazon-chime-sdk-js/build/logger/LogLevel';
import { ConsoleLogger, LogLevel } from 'amazon-chime-sdk-js';

class Example {}

describe('sdkExport', () => {
  it('unwraps module.exports given as the default import (Node, Rolldown)', () => {
    expect(sdkExport({ default: { __esModule: true, default: Example } as never })).toBe(Example);
  });
  it('keeps a default that is already the export (__esModule interop)', () => {
    expect(sdkExport({ default: Example })).toBe(Example);
  });
  it("gives the same classes and enums as the SDK's index, under Node", () => {
    expect(sdkExport(consoleLogger)).toBe(ConsoleLogger);
    expect(sdkExport(logLevel)).toBe(LogLevel);
  });
});
