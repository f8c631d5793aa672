/**
 * The launcher's label in the widget's ten languages. The script-tag loader shows it before any
 * other code has loaded, so it lives here, apart from the panel's strings; the panel's
 * `launcherLabel` uses the same words.
 */
export const launcherLabels = {
  'en-US': 'Video call',
  'es-ES': 'Videollamada',
  'fr-FR': 'Appel vidéo',
  'de-DE': 'Videoanruf',
  'it-IT': 'Videochiamata',
  'ja-JP': 'ビデオ通話',
  'ko-KR': '영상 통화',
  'pt-BR': 'Chamada de vídeo',
  'zh-CN': '视频通话',
  'zh-TW': '視訊通話',
} as const;

export type LauncherLocale = keyof typeof launcherLabels;

/**
 * The supported locale closest to a BCP 47 tag (`data-locale` or `navigator.language`): the exact
 * tag, else the same language (`pt-PT` gets `pt-BR`; Traditional Chinese `zh-Hant`, `zh-HK` and
 * `zh-MO` get `zh-TW`), else US English.
 */
export function launcherLocale(tag: string | undefined): LauncherLocale {
  const locales = Object.keys(launcherLabels) as LauncherLocale[];
  const wanted = (tag ?? '').toLowerCase();
  const exact = locales.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split(/[-_]/)[0];
  if (language === 'zh') return /hant|-tw|-hk|-mo/.test(wanted) ? 'zh-TW' : 'zh-CN';
  return locales.find((locale) => locale.startsWith(`${language}-`)) ?? 'en-US';
}
