/**
 * Which browser's instructions to give for unblocking the camera and microphone. Only the wording
 * of a hint depends on it, so a rough user-agent test is enough.
 */
export type BrowserFamily = 'chromium' | 'firefox' | 'safari';

export function browserFamily(userAgent: string): BrowserFamily {
  if (/Firefox\/|FxiOS/.test(userAgent)) return 'firefox';
  if (/Safari\//.test(userAgent) && !/Chrome\/|Chromium\/|CriOS|Edg/.test(userAgent))
    return 'safari';
  return 'chromium';
}
