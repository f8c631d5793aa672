// A page that does what the widget does to join, with the bare Chime SDK: the token endpoint, then
// a meeting session with microphone and camera. The agent's video lands in a <video>.
import { ChimeCall, type ConnectionData } from '../../console/chime-call';

const status = document.getElementById('status') as HTMLOutputElement;
const tiles = document.getElementById('tiles') as HTMLElement;
const audio = document.getElementById('audio') as HTMLAudioElement;
const params = new URLSearchParams(location.search);
let call: ChimeCall | undefined;

async function join(connectionData: ConnectionData): Promise<void> {
  call = new ChimeCall(connectionData, tiles, audio, () => {
    status.value = call?.status ?? 'idle';
  });
  await call.join({ video: true });
}

document.getElementById('join')!.addEventListener('click', async () => {
  status.value = 'requesting';
  const response = await fetch(params.get('tokenEndpoint') ?? '/api/session', {
    method: 'POST',
    headers: { Accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({
      displayName: params.get('displayName') ?? 'Bare SDK',
      clientToken: crypto.randomUUID(),
    }),
  });
  const session = (await response.json()) as { ConnectionData: ConnectionData };
  await join(session.ConnectionData);
});

document.getElementById('leave')!.addEventListener('click', () => void call?.leave());

// A participant Connect added to someone else's call (CreateParticipant, then the Participant
// Service's WebRTCConnection) has no token endpoint to ask: the bench hands the page its meeting.
declare global {
  interface Window {
    bareSdkJoin: (connectionData: ConnectionData) => Promise<void>;
  }
}
window.bareSdkJoin = join;
