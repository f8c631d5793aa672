/**
 * The launcher's styles, for the script-tag loader: the same look as the panel's launcher rules in
 * src/ui/styles.ts (a unit test keeps the two in step), and the message the loader shows above the
 * launcher when the panel could not be loaded; nothing else, so the loader stays tiny.
 */
export const launcherStyles = `
:host {
  all: initial !important;
  --cv-accent: var(--connect-video-accent, #1d4ed8);
  --cv-accent-text: var(--connect-video-accent-text, #fff);
  --cv-font: var(--connect-video-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --cv-z: var(--connect-video-z-index, 2147483000);
  --cv-focus: var(--connect-video-focus, #1d4ed8);
  --cv-danger: var(--connect-video-danger, #b91c1c);
  --cv-bg: var(--connect-video-background, #fff);
  --cv-text: var(--connect-video-text, #111827);
}
.connect-video-root[data-theme='dark'] {
  --cv-focus: var(--connect-video-focus, #93c5fd);
  --cv-bg: var(--connect-video-background, #111827);
  --cv-text: var(--connect-video-text, #f9fafb);
}
@media (prefers-color-scheme: dark) {
  .connect-video-root[data-theme='auto'] {
    --cv-focus: var(--connect-video-focus, #93c5fd);
    --cv-bg: var(--connect-video-background, #111827);
    --cv-text: var(--connect-video-text, #f9fafb);
  }
}
.connect-video-root {
  font-family: var(--cv-font); font-size: 15px; line-height: 1.45;
  position: fixed; bottom: 20px; right: 20px; z-index: var(--cv-z);
}
.connect-video-root[data-position='bottom-left'] { right: auto; left: 20px; }
.connect-video-launcher {
  font: inherit; min-width: 24px; cursor: pointer; box-sizing: border-box;
  display: inline-flex; align-items: center; gap: 8px; min-height: 48px;
  background: var(--cv-accent); color: var(--cv-accent-text); border: none;
  border-radius: 999px; padding: 12px 20px; font-weight: 600; box-shadow: 0 6px 20px rgb(15 23 42 / 0.3);
}
.connect-video-launcher:focus-visible { outline: 3px solid var(--cv-focus); outline-offset: 2px; }
.connect-video-launcher[aria-busy='true'] { cursor: progress; }
.connect-video-icon { display: block; }
.connect-video-load-error {
  position: absolute; bottom: calc(100% + 8px); right: 0; margin: 0;
  width: max-content; max-width: min(280px, calc(100vw - 40px)); padding: 10px 14px;
  background: var(--cv-bg); color: var(--cv-text); border-left: 4px solid var(--cv-danger);
  border-radius: 10px; box-shadow: 0 6px 20px rgb(15 23 42 / 0.3);
}
[data-position='bottom-left'] > .connect-video-load-error { right: auto; left: 0; }
`;
