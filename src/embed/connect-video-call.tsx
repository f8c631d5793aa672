import { useEffect, useRef } from 'preact/hooks';
import { mount, type MountedWidget, type MountOptions } from './mount';

export interface ConnectVideoCallProps extends MountOptions {
  /** Receives the controller once mounted (open/start/end/on). */
  onReady?: (widget: MountedWidget) => void;
}

/**
 * The widget as a Preact component. It renders its own host element and mounts the widget in that
 * element's shadow root, so the app's CSS and the widget's never mix. Options are read at mount.
 */
export function ConnectVideoCall({ onReady, ...options }: ConnectVideoCallProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const widget = mount(host.current, options);
    onReady?.(widget);
    return () => void widget.destroy();
    // Mounted once: a running call must not restart because a parent re-rendered.
  }, []);
  return <div ref={host} data-connect-video-host="" />;
}
