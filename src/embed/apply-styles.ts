import { widgetStyles } from '../ui/styles';

let sheet: CSSStyleSheet | undefined;

/**
 * Constructed stylesheets need no inline <style>, so the widget works under a Content Security
 * Policy without 'unsafe-inline' for styles; one sheet object is shared by every instance.
 */
export function applyStyles(root: ShadowRoot): void {
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(widgetStyles);
    }
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  if (root.querySelector('style[data-connect-video]')) return;
  const style = document.createElement('style');
  style.dataset.connectVideo = '';
  style.textContent = widgetStyles;
  root.append(style);
}
