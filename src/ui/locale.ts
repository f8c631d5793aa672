import { LOAD_TIMEOUT_MS, withTimeout } from '../core/with-timeout';
import { enUS, type Messages } from './messages';

/** The hosted Amazon Connect communications widget's ten languages. */
export const LOCALES = [
  'en-US',
  'es-ES',
  'fr-FR',
  'de-DE',
  'it-IT',
  'ja-JP',
  'ko-KR',
  'pt-BR',
  'zh-CN',
  'zh-TW',
] as const;

export type Locale = (typeof LOCALES)[number];

// Traditional Chinese is written in Taiwan, Hong Kong and Macau; Simplified everywhere else.
const TRADITIONAL = /^zh-(?:.*-)?(?:hant|tw|hk|mo)(?:-|$)/i;

function match(tag: string): Locale | undefined {
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
  } catch {
    return undefined;
  }
  const exact = LOCALES.find((l) => l.toLowerCase() === canonical.toLowerCase());
  if (exact) return exact;
  const language = canonical.split('-')[0]!.toLowerCase();
  if (language === 'zh') return TRADITIONAL.test(canonical) ? 'zh-TW' : 'zh-CN';
  // Any other variant of a language we have (es-MX, fr-CA, pt-PT, de-AT, en-GB) gets that language.
  return LOCALES.find((l) => l.startsWith(`${language}-`));
}

/**
 * The widget's language: the host's `locale` option if we have that language, else the first of
 * the browser's languages we have, else US English.
 */
export function resolveLocale(requested: string | undefined, browser: readonly string[]): Locale {
  for (const tag of requested ? [requested, ...browser] : browser) {
    const found = match(tag);
    if (found) return found;
  }
  return 'en-US';
}

// One chunk per language, fetched only when that language is used: the panel bundles English only.
const loaders: Record<Exclude<Locale, 'en-US'>, () => Promise<{ default: Messages }>> = {
  'es-ES': () => import('./locales/es-ES'),
  'fr-FR': () => import('./locales/fr-FR'),
  'de-DE': () => import('./locales/de-DE'),
  'it-IT': () => import('./locales/it-IT'),
  'ja-JP': () => import('./locales/ja-JP'),
  'ko-KR': () => import('./locales/ko-KR'),
  'pt-BR': () => import('./locales/pt-BR'),
  'zh-CN': () => import('./locales/zh-CN'),
  'zh-TW': () => import('./locales/zh-TW'),
};

/**
 * The strings of a language; English if its chunk cannot be loaded (offline, a stale deploy, no
 * answer in time: the panel waits for its strings before it shows).
 */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'en-US') return enUS;
  try {
    return (await withTimeout(loaders[locale](), LOAD_TIMEOUT_MS)).default;
  } catch {
    return enUS;
  }
}
