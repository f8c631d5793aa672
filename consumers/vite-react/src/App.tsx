import { useState } from 'react';
import { VideoCall } from './VideoCall';

export function App() {
  const [state, setState] = useState('idle');
  return (
    <main>
      <h1>Acme Insurance</h1>
      <p>Claims help, face to face.</p>
      <p>
        Call: <output data-testid="call-state">{state}</output>
      </p>
      <VideoCall onState={setState} />
    </main>
  );
}
