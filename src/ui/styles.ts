/**
 * The widget's styles, applied inside its shadow root: host-page CSS cannot reach in and these never
 * leak out. Hosts theme through the documented `--connect-video-*` custom properties, which do
 * inherit into the shadow tree.
 */
export const widgetStyles = `
:host {
  /* !important: in the cascade a shadow tree's important rules beat the page's, even !important
     ones, so no host-page rule on our host element (transforms, display, filters) reaches in. */
  all: initial !important;
  --cv-accent: var(--connect-video-accent, #1d4ed8);
  --cv-accent-text: var(--connect-video-accent-text, #ffffff);
  --cv-danger: var(--connect-video-danger, #b91c1c);
  --cv-radius: var(--connect-video-radius, 12px);
  --cv-font: var(--connect-video-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --cv-z: var(--connect-video-z-index, 2147483000);
  --cv-width: var(--connect-video-width, 360px);
  --cv-height: var(--connect-video-height, 540px);
  --cv-bg: var(--connect-video-background, #ffffff);
  --cv-text: var(--connect-video-text, #111827);
  --cv-muted: var(--connect-video-muted-text, #4b5563);
  --cv-surface: var(--connect-video-surface, #f3f4f6);
  --cv-stage: var(--connect-video-stage, #111827);
  --cv-focus: var(--connect-video-focus, #1d4ed8);
}
.connect-video-root[data-theme='dark'] {
  --cv-bg: var(--connect-video-background, #111827);
  --cv-text: var(--connect-video-text, #f9fafb);
  --cv-muted: var(--connect-video-muted-text, #d1d5db);
  --cv-surface: var(--connect-video-surface, #1f2937);
  --cv-focus: var(--connect-video-focus, #93c5fd);
}
@media (prefers-color-scheme: dark) {
  .connect-video-root[data-theme='auto'] {
    --cv-bg: var(--connect-video-background, #111827);
    --cv-text: var(--connect-video-text, #f9fafb);
    --cv-muted: var(--connect-video-muted-text, #d1d5db);
    --cv-surface: var(--connect-video-surface, #1f2937);
    --cv-focus: var(--connect-video-focus, #93c5fd);
  }
}
*, *::before, *::after { box-sizing: border-box; }
.connect-video-root {
  font-family: var(--cv-font);
  font-size: 15px;
  line-height: 1.4;
  color: var(--cv-text);
  position: fixed;
  bottom: 20px;
  right: 20px;
  z-index: var(--cv-z);
}
.connect-video-root[data-position='bottom-left'] { right: auto; left: 20px; }
button, input, select {
  font: inherit;
  color: inherit;
  min-height: 24px;
  min-width: 24px;
}
button { cursor: pointer; border-radius: 8px; border: 1px solid var(--cv-muted); background: var(--cv-surface); padding: 8px 12px; }
button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--cv-focus);
  outline-offset: 2px;
}
.connect-video-primary { background: var(--cv-accent); color: var(--cv-accent-text); border-color: var(--cv-accent); }
.connect-video-launcher {
  display: inline-flex; align-items: center; gap: 8px;
  background: var(--cv-accent); color: var(--cv-accent-text); border: none;
  border-radius: 999px; padding: 12px 18px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
}
.connect-video-panel {
  width: var(--cv-width);
  height: var(--cv-height);
  max-height: calc(100vh - 40px);
  display: flex; flex-direction: column;
  background: var(--cv-bg);
  border-radius: var(--cv-radius);
  box-shadow: 0 8px 32px rgb(0 0 0 / 0.3);
  overflow: hidden;
}
.connect-video-panel[data-minimized='true'] { height: auto; width: 240px; }
.connect-video-panel[data-minimized='true'] .connect-video-controls,
.connect-video-panel[data-minimized='true'] .connect-video-banners,
.connect-video-panel[data-minimized='true'] .connect-video-tile-self,
.connect-video-panel[data-minimized='true'] .connect-video-popover { display: none; }
.connect-video-header { display: flex; align-items: center; gap: 8px; padding: 8px 8px 8px 16px; border-bottom: 1px solid var(--cv-surface); }
.connect-video-title { font-size: 16px; margin: 0; flex: 1; }
.connect-video-timer { font-variant-numeric: tabular-nums; color: var(--cv-muted); }
.connect-video-icon-button { border: none; background: transparent; padding: 6px; display: inline-flex; }
.connect-video-body { flex: 1; display: flex; flex-direction: column; min-height: 0; position: relative; }
.connect-video-idle, .connect-video-connecting, .connect-video-end { padding: 16px; display: flex; flex-direction: column; gap: 12px; }
.connect-video-field { display: flex; flex-direction: column; gap: 4px; }
.connect-video-field input, .connect-video-field select { padding: 8px; border: 1px solid var(--cv-muted); border-radius: 8px; background: var(--cv-bg); }
.connect-video-problem { color: var(--cv-danger); margin: 0; }
.connect-video-root[data-theme='dark'] .connect-video-problem { color: #fca5a5; }
.connect-video-actions { display: flex; gap: 8px; flex-wrap: wrap; }
.connect-video-spinner { width: 32px; height: 32px; border: 3px solid var(--cv-surface); border-top-color: var(--cv-accent); border-radius: 50%; animation: connect-video-spin 1s linear infinite; }
@keyframes connect-video-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .connect-video-spinner { animation: none; } }
.connect-video-call { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.connect-video-stage { flex: 1; position: relative; background: var(--cv-stage); color: #f9fafb; min-height: 160px; display: flex; flex-direction: column; }
.connect-video-tile { margin: 0; flex: 1; min-height: 0; display: flex; }
.connect-video-tile video { width: 100%; height: 100%; object-fit: contain; background: #000; }
.connect-video-tile-self { position: absolute; right: 8px; bottom: 8px; width: 30%; height: auto; flex: none; border: 2px solid #fff; border-radius: 8px; overflow: hidden; }
.connect-video-placeholder { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; padding: 16px; text-align: center; }
.connect-video-hint { color: #d1d5db; font-size: 14px; }
.connect-video-banners { display: flex; flex-direction: column; }
.connect-video-banner { margin: 0; padding: 6px 12px; background: #fef3c7; color: #78350f; font-size: 14px; }
.connect-video-link { background: none; border: none; padding: 0 4px; text-decoration: underline; color: inherit; }
.connect-video-controls { display: flex; justify-content: center; gap: 8px; padding: 10px; flex-wrap: wrap; }
.connect-video-control { display: inline-flex; align-items: center; justify-content: center; width: 44px; height: 44px; padding: 0; border-radius: 50%; }
.connect-video-control[aria-pressed='true'] { background: var(--cv-accent); color: var(--cv-accent-text); border-color: var(--cv-accent); }
.connect-video-danger { background: var(--cv-danger); color: #fff; border-color: var(--cv-danger); }
.connect-video-popover { position: absolute; left: 8px; right: 8px; bottom: 72px; background: var(--cv-bg); border: 1px solid var(--cv-muted); border-radius: 12px; padding: 12px; display: flex; flex-direction: column; gap: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25); }
.connect-video-keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.connect-video-keys button { min-height: 44px; font-size: 18px; }
.connect-video-dtmf { min-height: 1.4em; font-variant-numeric: tabular-nums; }
.connect-video-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.connect-video-icon { display: block; }
@media (max-width: 600px) {
  .connect-video-root:has(.connect-video-panel[data-minimized='false']) { inset: 0; }
  .connect-video-panel[data-minimized='false'] { width: 100vw; height: 100vh; max-height: none; border-radius: 0; }
  .connect-video-control { width: 52px; height: 52px; }
}
`;
