import { describe, expect, it } from 'vitest';
import { launcherLabels, launcherLocale } from './launcher-labels';

describe('launcherLocale', () => {
  it.each([
    [undefined, 'en-US'],
    ['', 'en-US'],
    ['en-GB', 'en-US'],
    ['es-ES', 'es-ES'],
    ['es-MX', 'es-ES'],
    ['fr', 'fr-FR'],
    ['fr-CA', 'fr-FR'],
    ['de-AT', 'de-DE'],
    ['it-IT', 'it-IT'],
    ['ja', 'ja-JP'],
    ['ko-KR', 'ko-KR'],
    ['pt-PT', 'pt-BR'],
    ['pt-br', 'pt-BR'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['nl-NL', 'en-US'],
  ] as const)('%s -> %s', (tag, locale) => {
    expect(launcherLocale(tag)).toBe(locale);
  });

  it('has a label for each of the ten locales', () => {
    expect(Object.keys(launcherLabels)).toHaveLength(10);
    for (const label of Object.values(launcherLabels)) expect(label.trim()).not.toBe('');
  });
});
