/**
 * The chat's styles, in the chat chunk: a page whose customers never chat does not fetch them. The
 * panel adopts them into the widget's shadow root when the chunk arrives (src/embed/mount.ts); the
 * chat's container and its "could not be loaded" box are styled by the panel's own sheet.
 */
export const chatStyles = `
.connect-video-chat-popover { height: min(440px, 70vh); padding: 0; }
.connect-video-chat-too-long { color: var(--cv-error); font-size: 14px; }
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
`;
