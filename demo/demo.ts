/**
 * The demo page embeds the widget exactly as a business would, with the script tag. The switches
 * choose what the local token endpoint allows: they travel as a query parameter that only the
 * local (emulator) mode of the token endpoint reads.
 */
import { SWITCH_NAMES } from '../server/shared/capability-switches';

const params = new URLSearchParams(location.search);
// With no choice yet, everything is allowed: the richest demo.
const chosen = SWITCH_NAMES.filter((name) =>
  params.has('applied') ? params.get(name) === 'on' : true,
);

const form = document.getElementById('capabilities') as HTMLFormElement;
for (const name of SWITCH_NAMES) {
  const input = form.elements.namedItem(name) as HTMLInputElement;
  input.checked = chosen.includes(name);
}

const endpoint = new URL('/api/session', location.href);
endpoint.searchParams.set('capabilities', chosen.join(','));

const script = document.createElement('script');
script.src = '/widget/connect-video.js';
script.async = true;
script.dataset.tokenEndpoint = endpoint.pathname + endpoint.search;
script.dataset.screenSharingRequestUrl = '/api/screen-sharing';
// The customer may invite a guest; a page opened from the link joins as that guest.
script.dataset.invitationRequestUrl = '/api/invitation';
script.dataset.invitationJoinUrl = '/api/invitation/join';
script.dataset.participantServiceEndpoint = '/emulator/participant';
if (params.get('name')) script.dataset.displayName = params.get('name')!;
// `?channels=video chat` (or `chat`): the launcher offers chat too, through the local /api/chat.
if (params.get('channels')) {
  script.dataset.channels = params.get('channels')!;
  script.dataset.chatRequestUrl = '/api/chat';
  if (params.get('chatOnVideo')) script.dataset.chatOnVideo = params.get('chatOnVideo')!;
}
document.body.append(script);
