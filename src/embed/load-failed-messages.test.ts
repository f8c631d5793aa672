import { describe, expect, it } from 'vitest';
import { LOCALES, loadMessages } from '../ui/locale';
import { launcherLabels } from './launcher-labels';
import { loadFailedMessages } from './load-failed-messages';

describe('loadFailedMessages', () => {
  it("says what the panel says for load-failed, in each of the launcher's languages", async () => {
    expect(Object.keys(loadFailedMessages).sort()).toEqual(Object.keys(launcherLabels).sort());
    expect(Object.keys(loadFailedMessages).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) {
      expect(loadFailedMessages[locale], locale).toBe(
        (await loadMessages(locale))['error.load-failed'],
      );
    }
  });
});
