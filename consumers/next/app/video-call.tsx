'use client';

import { useEffect, useRef, useState } from 'react';
import { mount, type CallState } from 'connect-video-widget';

export function VideoCall() {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<CallState>('idle');
  useEffect(() => {
    const widget = mount(host.current!, {
      tokenEndpoint: '/api/session',
      // The local emulator's Participant Service; production leaves this out.
      participantServiceEndpoint: '/emulator/participant',
      displayName: new URLSearchParams(location.search).get('name') ?? 'Customer',
    });
    const off = widget.on('state', (detail) => setState(detail.state));
    return () => {
      off();
      void widget.destroy();
    };
  }, []);
  return (
    <>
      <p>
        Call: <output data-testid="call-state">{state}</output>
      </p>
      <div ref={host} />
    </>
  );
}
