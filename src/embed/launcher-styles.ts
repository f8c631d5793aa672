/**
 * The launcher's styles, for the script-tag loader: the same look as the panel's launcher rules in
 * src/ui/styles.ts (a unit test keeps the two in step), and nothing else, so the loader stays tiny.
 */
export const launcherStyles = `
:host {
  all: initial !important;
  --cv-accent: var(--connect-video-accent, #1d4ed8);
  --cv-accent-text: var(--connect-video-accent-text, #fff);
  --cv-font: var(--connect-video-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --cv-z: var(--connect-video-z-index, 2147483000);
  --cv-focus: var(--connect-video-focus, #1d4ed8);
}
.connect-video-root[data-theme='dark'] { --cv-focus: var(--connect-video-focus, #93c5fd); }
@media (prefers-color-scheme: dark) {
  .connect-video-root[data-theme='auto'] { --cv-focus: var(--connect-video-focus, #93c5fd); }
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
`;
