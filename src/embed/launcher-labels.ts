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

/** The launcher's label when the host offers chat only (`launcherLabelChat`), or both (`launcherLabelBoth`). */
export const chatLauncherLabels: Record<LauncherLocale, string> = {
  'en-US': 'Chat',
  'de-DE': 'Chat',
  'es-ES': 'Chat',
  'fr-FR': 'Chat',
  'it-IT': 'Chat',
  'ja-JP': 'チャット',
  'ko-KR': '채팅',
  'pt-BR': 'Chat',
  'zh-CN': '聊天',
  'zh-TW': '聊天',
};
export const bothLauncherLabels: Record<LauncherLocale, string> = {
  'en-US': 'Contact us',
  'de-DE': 'Kontakt',
  'es-ES': 'Contacto',
  'fr-FR': 'Nous contacter',
  'it-IT': 'Contattaci',
  'ja-JP': 'お問い合わせ',
  'ko-KR': '문의하기',
  'pt-BR': 'Fale conosco',
  'zh-CN': '联系我们',
  'zh-TW': '聯絡我們',
};

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
