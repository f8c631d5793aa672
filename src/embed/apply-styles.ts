import { widgetStyles } from '../ui/styles';

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Constructed stylesheets need no inline <style>, so the widget works under a Content Security
 * Policy without 'unsafe-inline' for styles; one sheet object per `css` is shared by every
 * instance. `css`: the panel's styles, or those a chunk brings (the chat's).
 */
export function applyStyles(root: ShadowRoot, css = widgetStyles, name = 'panel'): void {
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  if (root.querySelector(`style[data-connect-video="${name}"]`)) return;
  const style = document.createElement('style');
  style.dataset.connectVideo = name;
  style.textContent = css;
  root.append(style);
}
