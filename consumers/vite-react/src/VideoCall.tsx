import { useEffect, useRef } from 'react';
import { mount, type CallState } from 'connect-video-widget';

/** The widget in a React app: mounted in an effect, destroyed in its cleanup (StrictMode runs both). */
export function VideoCall({ onState }: { onState: (state: CallState) => void }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const widget = mount(host.current!, {
      tokenEndpoint: '/api/session',
      // The local emulator's Participant Service; production leaves this out.
      participantServiceEndpoint: '/emulator/participant',
      displayName: new URLSearchParams(location.search).get('name') ?? 'Customer',
    });
    const off = widget.on('state', ({ state }) => onState(state));
    return () => {
      off();
      void widget.destroy();
    };
  }, [onState]);
  return <div ref={host} />;
}
