import { describe, expect, it } from 'vitest';
import { LOCALES, loadMessages, resolveLocale } from './locale';
import { enUS, format, type AllMessages } from './messages';
import { enUSBackground } from './background-messages';
import { enUSChat } from './chat-messages';
import { bothLauncherLabels, chatLauncherLabels, launcherLabels } from '../embed/launcher-labels';

// The chat's English strings come with the chat chunk; every other language has them in its file.
const english: AllMessages = { ...enUS, ...enUSChat, ...enUSBackground };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('every language', () => {
  it.each(LOCALES)('%s has every key, no extra key, and the same placeholders', async (locale) => {
    const messages = (locale === 'en-US' ? english : await loadMessages(locale)) as AllMessages;
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english) as (keyof AllMessages)[]) {
      expect(messages[key], `${locale} ${key}`).toEqual(expect.any(String));
      expect(messages[key].trim(), `${locale} ${key} is empty`).not.toBe('');
      expect(placeholders(messages[key]), `${locale} ${key}`).toEqual(placeholders(english[key]));
    }
  });

  it.each(LOCALES)('%s names its own "Try again" button in the instructions', async (locale) => {
    const messages = await loadMessages(locale);
    for (const key of ['fix.denied.chromium', 'fix.no-device', 'fix.device-busy'] as const) {
      expect(messages[key], `${locale} ${key}`).toContain(messages.tryAgain);
    }
  });

  it('uses the launcher labels the loader shows', async () => {
    // The loader renders the launcher before the panel loads (src/embed/launcher-labels.ts).
    for (const locale of LOCALES) {
      const messages = await loadMessages(locale);
      expect(messages.launcherLabel).toBe(launcherLabels[locale]);
      expect(messages.launcherLabelChat).toBe(chatLauncherLabels[locale]);
      expect(messages.launcherLabelBoth).toBe(bothLauncherLabels[locale]);
    }
  });

  it('keeps the control names other tests click by, in English', () => {
    expect(enUS).toMatchObject({
      startCall: 'Start video call',
      mute: 'Mute',
      unmute: 'Unmute',
      cameraOff: 'Turn camera off',
      cameraOn: 'Turn camera on',
      shareScreen: 'Share my screen',
      stopSharing: 'Stop sharing',
      requestScreenShare: 'Ask to share my screen',
      keypad: 'Keypad',
      settings: 'Settings',
      endCall: 'End call',
    });
  });
});

describe('resolveLocale', () => {
  it.each([
    [undefined, ['de-DE', 'en-US'], 'de-DE'],
    ['fr-FR', ['de-DE'], 'fr-FR'],
    ['fr-ca', [], 'fr-FR'],
    ['es-MX', [], 'es-ES'],
    ['pt-PT', [], 'pt-BR'],
    ['en-GB', [], 'en-US'],
    ['zh', [], 'zh-CN'],
    ['zh-Hans-SG', [], 'zh-CN'],
    ['zh-HK', [], 'zh-TW'],
    ['zh-Hant', [], 'zh-TW'],
    ['ja', [], 'ja-JP'],
    ['ko', [], 'ko-KR'],
    // A language we do not have: the browser's next, then English.
    ['nl-NL', ['it-IT'], 'it-IT'],
    ['nl-NL', ['sv-SE'], 'en-US'],
    ['not a tag!', ['ja-JP'], 'ja-JP'],
    [undefined, [], 'en-US'],
  ] as const)('%s with browser %j is %s', (requested, browser, expected) => {
    expect(resolveLocale(requested, browser)).toBe(expected);
  });
});

describe('format', () => {
  it('fills placeholders and writes numbers the locale way', () => {
    expect(format('at most {max}', { max: 1234 }, 'en-US')).toBe('at most 1,234');
    expect(format('höchstens {max}', { max: 1234 }, 'de-DE')).toBe('höchstens 1.234');
    expect(format('Sent: {digits}', { digits: '12#' })).toBe('Sent: 12#');
    expect(format('{missing} stays', {})).toBe('{missing} stays');
  });
});
