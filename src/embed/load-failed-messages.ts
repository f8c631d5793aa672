import type { LauncherLocale } from './launcher-labels';

/**
 * What the script-tag loader says beside the launcher when the panel could not be fetched (no
 * panel, so none of its strings): the panel's own `error.load-failed` in each language, which a
 * unit test keeps equal.
 */
export const loadFailedMessages: Record<LauncherLocale, string> = {
  'en-US': 'The video call could not be loaded. Please try again.',
  'es-ES': 'No se ha podido cargar la videollamada. Inténtelo de nuevo.',
  'fr-FR': "L'appel vidéo n'a pas pu être chargé. Veuillez réessayer.",
  'de-DE': 'Der Videoanruf konnte nicht geladen werden. Bitte versuchen Sie es erneut.',
  'it-IT': 'Non è stato possibile caricare la videochiamata. Riprova.',
  'ja-JP': 'ビデオ通話を読み込めませんでした。もう一度お試しください。',
  'ko-KR': '영상 통화를 불러올 수 없습니다. 다시 시도하세요.',
  'pt-BR': 'Não foi possível carregar a chamada de vídeo. Tente novamente.',
  'zh-CN': '无法加载视频通话。请重试。',
  'zh-TW': '無法載入視訊通話。請重試。',
};
