import { mount, type MountedWidget } from 'connect-video-widget';

const output = document.querySelector<HTMLOutputElement>('[data-testid="call-state"]')!;
const widget: MountedWidget = mount(document.getElementById('support')!, {
  tokenEndpoint: '/api/session',
  // The local emulator's Participant Service; production leaves this out.
  participantServiceEndpoint: '/emulator/participant',
  displayName: new URLSearchParams(location.search).get('name') ?? 'Customer',
});
widget.on('state', ({ state }) => {
  output.textContent = state;
});
