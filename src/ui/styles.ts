/**
 * The widget's styles, applied inside its shadow root: host-page CSS cannot reach in and these never
 * leak out. Hosts theme through the documented `--connect-video-*` custom properties, which do
 * inherit into the shadow tree. Default colours meet WCAG 2.2 AA in both themes: 4.5:1 for text,
 * 3:1 for icons, control edges, the level meter and focus rings.
 */
export const widgetStyles = `
:host {
  /* !important: in the cascade a shadow tree's important rules beat the page's, even !important
     ones, so no host-page rule on our host element (transforms, display, filters) reaches in. */
  all: initial !important;
  --cv-accent: var(--connect-video-accent, #1d4ed8);
  --cv-accent-text: var(--connect-video-accent-text, #fff);
  --cv-danger: var(--connect-video-danger, #b91c1c);
  --cv-radius: var(--connect-video-radius, 16px);
  --cv-font: var(--connect-video-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --cv-z: var(--connect-video-z-index, 2147483000);
  --cv-width: var(--connect-video-width, 360px);
  --cv-height: var(--connect-video-height, 560px);
  --cv-bg: var(--connect-video-background, #fff);
  --cv-text: var(--connect-video-text, #111827);
  --cv-muted: var(--connect-video-muted-text, #4b5563);
  --cv-surface: var(--connect-video-surface, #f3f4f6);
  --cv-border: var(--connect-video-border, #6b7280);
  --cv-stage: var(--connect-video-stage, #0f172a);
  --cv-focus: var(--connect-video-focus, #1d4ed8);
  --cv-meter: var(--connect-video-meter, #15803d);
  --cv-error: var(--connect-video-error-text, #b91c1c);
}
.connect-video-root[data-theme='dark'] {
  --cv-bg: var(--connect-video-background, #111827);
  --cv-text: var(--connect-video-text, #f9fafb);
  --cv-muted: var(--connect-video-muted-text, #d1d5db);
  --cv-surface: var(--connect-video-surface, #1f2937);
  --cv-border: var(--connect-video-border, #9ca3af);
  --cv-focus: var(--connect-video-focus, #93c5fd);
  --cv-meter: var(--connect-video-meter, #4ade80);
  --cv-error: var(--connect-video-error-text, #fca5a5);
}
@media (prefers-color-scheme: dark) {
  .connect-video-root[data-theme='auto'] {
    --cv-bg: var(--connect-video-background, #111827);
    --cv-text: var(--connect-video-text, #f9fafb);
    --cv-muted: var(--connect-video-muted-text, #d1d5db);
    --cv-surface: var(--connect-video-surface, #1f2937);
    --cv-border: var(--connect-video-border, #9ca3af);
    --cv-focus: var(--connect-video-focus, #93c5fd);
    --cv-meter: var(--connect-video-meter, #4ade80);
    --cv-error: var(--connect-video-error-text, #fca5a5);
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.connect-video-root {
  font-family: var(--cv-font); font-size: 15px; line-height: 1.45; color: var(--cv-text);
  position: fixed; bottom: 20px; right: 20px; z-index: var(--cv-z);
}
.connect-video-root[data-position='bottom-left'] { right: auto; left: 20px; }
button, input, select { font: inherit; color: inherit; min-height: 24px; min-width: 24px; }
button { cursor: pointer; border-radius: 10px; border: 1px solid var(--cv-border); background: var(--cv-surface); padding: 9px 14px; font-weight: 500; }
button:hover { filter: brightness(0.96); }
:focus-visible { outline: 3px solid var(--cv-focus); outline-offset: 2px; }
.connect-video-primary { background: var(--cv-accent); color: var(--cv-accent-text); border-color: var(--cv-accent); }
.connect-video-launcher {
  display: inline-flex; align-items: center; gap: 8px; min-height: 48px;
  background: var(--cv-accent); color: var(--cv-accent-text); border: none;
  border-radius: 999px; padding: 12px 20px; font-weight: 600; box-shadow: 0 6px 20px rgb(15 23 42 / 0.3);
}
.connect-video-panel {
  width: var(--cv-width); height: var(--cv-height); max-height: calc(100vh - 40px);
  display: flex; flex-direction: column; background: var(--cv-bg);
  border-radius: var(--cv-radius); box-shadow: 0 12px 40px rgb(15 23 42 / 0.35); overflow: hidden;
}
.connect-video-header { display: flex; align-items: center; gap: 6px; padding: 8px 8px 8px 16px; border-bottom: 1px solid var(--cv-surface); }
.connect-video-title { font-size: 16px; font-weight: 600; margin: 0; flex: 1; }
.connect-video-subtitle { font-size: 17px; font-weight: 600; margin: 0; }
.connect-video-timer { font-variant-numeric: tabular-nums; color: var(--cv-muted); padding: 0 4px; }
.connect-video-icon-button { border: none; background: transparent; padding: 8px; display: inline-flex; min-width: 36px; min-height: 36px; align-items: center; justify-content: center; }
.connect-video-body { flex: 1; display: flex; flex-direction: column; min-height: 0; position: relative; }
.connect-video-idle, .connect-video-connecting, .connect-video-end, .connect-video-check { padding: 20px; display: flex; flex-direction: column; gap: 14px; overflow-y: auto; }
.connect-video-idle p, .connect-video-end p, .connect-video-check p { margin: 0; }
.connect-video-connecting { align-items: center; justify-content: center; flex: 1; text-align: center; }
.connect-video-hint-text { color: var(--cv-muted); font-size: 14px; }
.connect-video-field { display: flex; flex-direction: column; gap: 6px; }
.connect-video-field label, .connect-video-field > span:first-child { font-weight: 500; }
.connect-video-field input, .connect-video-field select { padding: 9px 10px; border: 1px solid var(--cv-border); border-radius: 10px; background: var(--cv-bg); width: 100%; }
.connect-video-problem { color: var(--cv-error); margin: 0; }
.connect-video-problems { display: flex; flex-direction: column; gap: 10px; }
.connect-video-problem-box { border-left: 4px solid var(--cv-danger); background: var(--cv-surface); padding: 10px 12px; border-radius: 8px; display: flex; flex-direction: column; gap: 4px; }
.connect-video-problem-title { font-weight: 600; }
.connect-video-actions { display: flex; gap: 8px; flex-wrap: wrap; }
.connect-video-actions > button { flex: 1 1 auto; min-height: 44px; }
.connect-video-check { gap: 12px; }
.connect-video-check > .connect-video-actions { position: sticky; bottom: -20px; margin: 0 -20px -20px; padding: 12px 20px 20px; background: var(--cv-bg); border-top: 1px solid var(--cv-surface); }
.connect-video-preview { width: 100%; max-height: 160px; aspect-ratio: 16 / 9; object-fit: cover; border-radius: 12px; background: var(--cv-stage); transform: scaleX(-1); }
.connect-video-meter { height: 10px; border-radius: 5px; background: var(--cv-surface); border: 1px solid var(--cv-border); overflow: hidden; }
.connect-video-meter-bar { height: 100%; background: var(--cv-meter); transition: width 90ms linear; }
.connect-video-spinner { width: 36px; height: 36px; border: 4px solid var(--cv-surface); border-top-color: var(--cv-accent); border-radius: 50%; animation: connect-video-spin 1s linear infinite; }
@keyframes connect-video-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .connect-video-spinner { animation: none; } .connect-video-meter-bar { transition: none; } }
.connect-video-call { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.connect-video-stage { flex: 1; position: relative; background: var(--cv-stage); color: #f9fafb; min-height: 160px; display: flex; flex-direction: column; }
.connect-video-tile { margin: 0; flex: 1; min-height: 0; display: flex; }
.connect-video-tile video { width: 100%; height: 100%; object-fit: contain; background: #000; }
.connect-video-tile-agent video { object-fit: cover; }
.connect-video-tile-agent-screen + .connect-video-tile-agent { position: absolute; left: 8px; top: 8px; width: 28%; flex: none; border-radius: 8px; overflow: hidden; }
.connect-video-tile-self { position: absolute; right: 10px; bottom: 10px; width: 30%; aspect-ratio: 4 / 3; flex: none; border: 2px solid #fff; border-radius: 10px; overflow: hidden; box-shadow: 0 2px 10px rgb(0 0 0 / 0.4); }
.connect-video-tile-self video { object-fit: cover; transform: scaleX(-1); }
.connect-video-grid { flex: 1; min-height: 0; margin: 0; padding: 6px; list-style: none; display: grid; gap: 6px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 140px), 1fr)); grid-auto-rows: minmax(0, 1fr); }
.connect-video-grid[data-count='1'] { grid-template-columns: 1fr; }
.connect-video-grid[data-count='2'] { grid-template-columns: repeat(2, 1fr); }
.connect-video-grid[data-sharing='true'] { flex: none; height: 28%; grid-template-columns: none; grid-auto-flow: column; grid-auto-columns: minmax(90px, 1fr); }
/* No rounded clipping or transitions on the people's tiles: clipping five or more videos costs the
   page's main thread about a third more in a six-party call (npm run bench, six: 657 against 457 ms
   per second). The speaker's mark is a border, which clips nothing. */
.connect-video-person { position: relative; min-height: 0; display: flex; background: #1e293b; border: 3px solid transparent; }
.connect-video-person[data-speaking='true'] { border-color: var(--cv-accent); }
.connect-video-person .connect-video-tile video { object-fit: cover; }
.connect-video-audio-only { flex: 1; display: flex; align-items: center; justify-content: center; }
.connect-video-avatar { width: 48px; height: 48px; border-radius: 50%; display: flex; align-items: center; justify-content: center; background: #334155; font-size: 20px; font-weight: 600; }
.connect-video-name { position: absolute; left: 6px; bottom: 6px; max-width: calc(100% - 12px); padding: 2px 6px; border-radius: 4px; background: rgb(0 0 0 / 0.6); font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.connect-video-placeholder { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; padding: 16px; text-align: center; gap: 6px; }
.connect-video-placeholder p { margin: 0; }
.connect-video-hint { color: #d1d5db; font-size: 14px; }
.connect-video-placeholder .connect-video-timer { color: #d1d5db; }
.connect-video-banners { display: flex; flex-direction: column; }
.connect-video-banner { margin: 0; padding: 8px 12px; background: #fef3c7; color: #78350f; font-size: 14px; }
.connect-video-link { background: none; border: none; padding: 0 4px; text-decoration: underline; color: inherit; }
.connect-video-controls { display: flex; justify-content: center; gap: 6px; padding: 12px 8px; flex-wrap: wrap; }
.connect-video-control { display: inline-flex; align-items: center; justify-content: center; width: 42px; height: 42px; padding: 0; border-radius: 50%; }
.connect-video-control[aria-pressed='true'] { background: var(--cv-accent); color: var(--cv-accent-text); border-color: var(--cv-accent); }
.connect-video-danger { background: var(--cv-danger); color: #fff; border-color: var(--cv-danger); }
/* The popovers sit on the control bar, however many rows its buttons wrap to. */
.connect-video-dock { position: relative; }
.connect-video-popover { position: absolute; left: 10px; right: 10px; bottom: calc(100% + 6px); max-height: 70vh; overflow: auto; background: var(--cv-bg); border: 1px solid var(--cv-border); border-radius: 14px; padding: 14px; display: flex; flex-direction: column; gap: 10px; box-shadow: 0 8px 24px rgb(0 0 0 / 0.3); z-index: 1; }
.connect-video-keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.connect-video-keys button { min-height: 44px; font-size: 18px; }
.connect-video-dtmf { min-height: 1.4em; font-variant-numeric: tabular-nums; }
.connect-video-chat { flex: 1; display: flex; flex-direction: column; gap: 10px; padding: 12px 16px 16px; min-height: 0; }
.connect-video-chat p { margin: 0; }
.connect-video-chat-notice, .connect-video-chat-typing { color: var(--cv-muted); font-size: 14px; }
.connect-video-transcript { flex: 1; min-height: 0; overflow-y: auto; list-style: none; margin: 0; padding: 4px; display: flex; flex-direction: column; gap: 8px; }
.connect-video-chat-message { display: flex; flex-direction: column; gap: 2px; max-width: 85%; padding: 8px 12px; border-radius: 12px; background: var(--cv-surface); align-self: flex-start; overflow-wrap: anywhere; }
.connect-video-chat-message[data-role='customer'] { align-self: flex-end; background: var(--cv-accent); color: var(--cv-accent-text); }
.connect-video-chat-message a { color: inherit; }
.connect-video-chat-author { font-size: 13px; font-weight: 600; }
.connect-video-chat-text { white-space: pre-wrap; }
.connect-video-chat-receipt { font-size: 12px; align-self: flex-end; }
.connect-video-chat-event { color: var(--cv-muted); font-size: 13px; text-align: center; }
.connect-video-chat-form { display: flex; gap: 8px; align-items: flex-end; }
.connect-video-chat-form textarea { flex: 1; font: inherit; color: inherit; background: var(--cv-bg); border: 1px solid var(--cv-border); border-radius: 10px; padding: 8px 10px; resize: none; }
.connect-video-chat-ended { display: flex; flex-direction: column; gap: 10px; }
.connect-video-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.connect-video-icon { display: block; }
.connect-video-panel[data-minimized='true'] { height: auto; width: 280px; }
.connect-video-panel[data-minimized='true'] .connect-video-header { cursor: grab; touch-action: none; user-select: none; }
.connect-video-panel[data-minimized='true'] .connect-video-title { font-size: 14px; }
.connect-video-panel[data-minimized='true'] .connect-video-stage { min-height: 0; aspect-ratio: 16 / 9; flex: none; }
.connect-video-panel[data-minimized='true'] .connect-video-hint,
.connect-video-panel[data-minimized='true'] .connect-video-controls,
.connect-video-panel[data-minimized='true'] .connect-video-banners,
.connect-video-panel[data-minimized='true'] .connect-video-tile-self,
.connect-video-panel[data-minimized='true'] .connect-video-popover { display: none; }
@media (max-width: 600px), (max-height: 500px) {
  .connect-video-root[data-open='true'][data-minimized='false'] { inset: 0; }
  .connect-video-root[data-open='true'][data-minimized='false'] .connect-video-panel { width: 100%; height: 100%; max-height: none; border-radius: 0; }
  .connect-video-controls { gap: 6px; padding: 12px 8px max(16px, env(safe-area-inset-bottom)); }
  .connect-video-control { width: 46px; height: 46px; }
  .connect-video-actions > button { min-height: 48px; }
  .connect-video-panel[data-minimized='true'] { width: 200px; }
}
@media (max-height: 500px) and (orientation: landscape) {
  .connect-video-call { flex-direction: row; flex-wrap: wrap; }
  .connect-video-stage { flex: 1 1 60%; min-height: 0; }
  .connect-video-dock { flex: 0 0 auto; display: flex; }
  .connect-video-dock .connect-video-popover { left: auto; bottom: auto; top: 8px; right: calc(100% + 6px); width: min(320px, 60vw); }
  .connect-video-controls { flex: 0 0 auto; display: grid; grid-template-columns: repeat(2, 48px); grid-auto-rows: 48px; align-content: center; gap: 8px; padding: 8px 12px; }
  .connect-video-control { width: 48px; height: 48px; }
  .connect-video-banners { order: 3; flex-basis: 100%; }
}
`;
