import { options } from 'preact';

declare global {
  interface Window {
    /** Component renders since the widget loaded: only in the benchmark's `profile` build. */
    __connectVideoRenders?: number;
  }
}

/**
 * Counts component renders for `npm run bench` (steady state: renders per second in a quiet
 * call). Installed only by the `profile` build: production builds drop it.
 */
export function countRenders(): void {
  if (window.__connectVideoRenders !== undefined) return;
  window.__connectVideoRenders = 0;
  const previous = options.diffed;
  options.diffed = (vnode) => {
    if (typeof vnode.type === 'function') window.__connectVideoRenders! += 1;
    previous?.(vnode);
  };
}
