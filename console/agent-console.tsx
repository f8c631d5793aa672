import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { signal, computed } from '@preact/signals';
import { ChimeCall } from './chime-call';
import { agentApi, type ContactSummary, type NewParticipant } from './agent-api';
import { AddParticipantForm } from './add-participant-form';
import { JoinCall } from './join-call';
import { joinLinkHash, readJoinLink } from './join-link';
import { ChatPanel } from './chat-panel';
import { FlowPath } from './flow-path';
import { ParticipantList } from './participant-list';
import { ParticipantTracker, type ParticipantRow } from './participant-tracker';
import { startScreenSharing } from './start-screen-sharing';

const SCREEN_SHARING_TOPIC = 'AMAZON_CONNECT_SCREEN_SHARING';
const params = new URLSearchParams(location.search);
const autoAccept = params.get('autoAccept') === '1';
// Several consoles can share one emulator (parallel tests): each may watch only one contact,
// by id or by the customer's display name.
const onlyContactId = params.get('contact');
const onlyDisplayName = params.get('displayName');
const watched = (c: { ContactId: string; DisplayName: string }) =>
  (!onlyContactId || c.ContactId === onlyContactId) &&
  (!onlyDisplayName || c.DisplayName === onlyDisplayName);

const contacts = signal<ContactSummary[]>([]);
const activeContactId = signal<string | undefined>(undefined);
const call = signal<ChimeCall | undefined>(undefined);
const revision = signal(0);
const error = signal<string | undefined>(undefined);
const busy = signal(false);
const activeContact = computed(() =>
  contacts.value.find((c) => c.ContactId === activeContactId.value),
);
const participantRows = signal<ParticipantRow[]>([]);
/** The latest joins and leaves, for the live region. */
const announcement = signal('');
/** Join links of the participants this console added, by ParticipantId; kept in memory only. */
const joinLinks = signal<ReadonlyMap<string, string>>(new Map());
const tracker = new ParticipantTracker();

let tileContainer: HTMLElement | undefined;
let audioElement: HTMLAudioElement | undefined;
const autoAccepted = new Set<string>();

async function refresh(): Promise<void> {
  try {
    contacts.value = (await agentApi.contacts()).contacts.filter(watched);
    error.value = undefined;
  } catch (e) {
    error.value = `The emulator does not answer: ${(e as Error).message}`;
    return;
  }
  // The next contact is taken once the current one has ended, as a real agent's softphone does.
  const free = !call.value || activeContact.value?.state === 'DISCONNECTED';
  if (autoAccept && free && !busy.value) {
    // Only a queued contact can be accepted: one still in its flow (greeting, menu) waits.
    const next = contacts.value.find(
      (c) => c.state === 'INITIATED' && c.queue !== null && !autoAccepted.has(c.ContactId),
    );
    if (next) {
      autoAccepted.add(next.ContactId);
      await accept(next);
    }
  }
  showParticipants();
  const current = activeContact.value;
  if (current?.state === 'DISCONNECTED' && call.value && call.value.status !== 'stopped') {
    await call.value.leave().catch(() => undefined);
  }
}

/** The active call's participant list, and what changed since the last poll for the live region. */
function showParticipants(): void {
  const current = activeContact.value;
  if (!current) return;
  const { rows, announcements } = tracker.update(current.ContactId, current.participants);
  participantRows.value = rows;
  if (announcements.length) announcement.value = announcements.join(' ');
}

async function addParticipant(contactId: string, participant: NewParticipant): Promise<void> {
  const added = await agentApi.addParticipant(contactId, participant);
  const hash = joinLinkHash({
    participantToken: added.ParticipantToken,
    name: added.participant.DisplayName,
    video: participant.capabilities?.Video === 'SEND',
  });
  joinLinks.value = new Map(joinLinks.value).set(
    added.participant.ParticipantId,
    `${location.pathname}${hash}`,
  );
  await refresh();
}

async function accept(contact: ContactSummary): Promise<void> {
  if (!tileContainer || !audioElement) return;
  busy.value = true;
  try {
    await leaveCurrent();
    const connection = await agentApi.accept(contact.ContactId);
    const chime = new ChimeCall(connection.ConnectionData, tileContainer, audioElement, () => {
      revision.value++;
    });
    chime.subscribeToTopic(SCREEN_SHARING_TOPIC);
    activeContactId.value = contact.ContactId;
    call.value = chime;
    await chime.join({ video: contact.AllowedCapabilities.Agent?.Video === 'SEND' });
  } catch (e) {
    error.value = `Could not accept the contact: ${(e as Error).message}`;
  } finally {
    busy.value = false;
  }
}

async function leaveCurrent(): Promise<void> {
  const current = call.value;
  call.value = undefined;
  if (current) await current.leave().catch(() => undefined);
  if (tileContainer) tileContainer.replaceChildren();
}

/**
 * The agent hangs up as an agent application does: it leaves the meeting, and Connect ends the
 * contact (the emulator does on the agent's LEAVE). Only if the contact is somehow still active is
 * it ended through the admin route.
 */
async function endContact(): Promise<void> {
  const contactId = activeContactId.value;
  if (!contactId) return;
  await call.value?.leave().catch(() => undefined);
  await refresh();
  if (activeContact.value?.state !== 'DISCONNECTED') {
    await agentApi.end(contactId).catch((e: Error) => (error.value = e.message));
    await refresh();
  }
}

function run(action: () => Promise<unknown>): () => void {
  return () => {
    action().catch((e: Error) => (error.value = e.message));
  };
}

/** Contacts waiting for an agent, by queue, as a real agent's queue view lists them. */
function Queues() {
  const waiting = new Map<string, ContactSummary[]>();
  for (const contact of contacts.value) {
    if (contact.state !== 'INITIATED' || !contact.queue) continue;
    waiting.set(contact.queue.Name, [...(waiting.get(contact.queue.Name) ?? []), contact]);
  }
  return (
    <section aria-label="Queues">
      <h2>Waiting in queues</h2>
      {waiting.size === 0 ? <p>Nobody is waiting.</p> : null}
      <ul class="queues">
        {[...waiting].map(([name, list]) => (
          <li key={name} data-queue={name}>
            <strong>{name}</strong>: <output>{list.length}</output> waiting (
            {list.map((c) => c.DisplayName).join(', ')})
          </li>
        ))}
      </ul>
    </section>
  );
}

function ContactRow({ contact }: { contact: ContactSummary }) {
  const digits = contact.messages
    .filter((m) => m.ContentType === 'audio/dtmf')
    .map((m) => m.Content);
  return (
    <li data-contact-id={contact.ContactId} data-state={contact.state}>
      <strong>{contact.DisplayName}</strong> <span class="state">{contact.state}</span>{' '}
      {contact.disconnectReason ? <span>({contact.disconnectReason})</span> : null}
      {contact.state === 'INITIATED' && contact.queue ? (
        <button type="button" disabled={busy.value} onClick={run(() => accept(contact))}>
          Accept
        </button>
      ) : null}
      <FlowPath contact={contact} />
      {digits.length ? (
        <div>
          DTMF: <output class="dtmf">{digits.join('')}</output>
        </div>
      ) : null}
      {Object.keys(contact.Attributes).length ? (
        <dl class="attributes">
          {Object.entries(contact.Attributes).map(([key, value]) => (
            <div key={key} data-attribute={key}>
              <dt>{key}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

function CallPanel() {
  void revision.value;
  const chime = call.value;
  const contact = activeContact.value;
  if (!chime || !contact) return null;
  const cameraOn = [...chime.tiles.values()].some((t) => t.isLocal);
  const customer = [...chime.attendance.values()].find(
    (a) => a.present && !a.externalUserId.endsWith('agent') && !a.attendeeId.endsWith('#content'),
  );
  const caps = contact.AllowedCapabilities;
  return (
    <section aria-label="Current contact" data-call-status={chime.status}>
      <h2>
        In call with {contact.DisplayName}: <output id="call-status">{chime.status}</output>
      </h2>
      <p>
        Customer: {customer ? (customer.muted ? 'present, muted' : 'present') : 'not connected'}
        {' · '}Screen sharing session: {contact.screenSharingActive ? 'active' : 'inactive'}
      </p>
      <div class="controls">
        <button
          type="button"
          aria-pressed={chime.muted}
          onClick={() => chime.setMuted(!chime.muted)}
        >
          Mute
        </button>
        {caps.Agent?.Video === 'SEND' ? (
          <button
            type="button"
            aria-pressed={cameraOn}
            onClick={run(() => (cameraOn ? chime.stopVideo() : chime.startVideo()))}
          >
            Camera
          </button>
        ) : null}
        {caps.Customer?.ScreenShare === 'SEND' ? (
          contact.screenSharingActive ? (
            <button
              type="button"
              onClick={run(() => agentApi.stopScreenSharing(contact.ContactId).then(refresh))}
            >
              Stop screen-sharing session
            </button>
          ) : (
            <button
              type="button"
              onClick={run(() =>
                startScreenSharing(contact.InstanceId, contact.ContactId).then(refresh),
              )}
            >
              Start screen-sharing session
            </button>
          )
        ) : null}
        {caps.Agent?.ScreenShare === 'SEND' ? (
          <button
            type="button"
            aria-pressed={chime.contentSharing}
            onClick={run(async () =>
              chime.contentSharing ? chime.stopContentShare() : chime.startContentShare(),
            )}
          >
            Share my screen
          </button>
        ) : null}
        <button type="button" class="end" onClick={run(endContact)}>
          End contact
        </button>
      </div>
      <ParticipantList rows={participantRows.value} joinLinks={joinLinks.value} />
      <p class="announcer" role="status" aria-live="polite">
        {announcement.value}
      </p>
      {contact.state !== 'DISCONNECTED' ? (
        <AddParticipantForm onAdd={(p) => addParticipant(contact.ContactId, p)} />
      ) : null}
      <h3>Messages from the customer</h3>
      <ul class="messages">
        {contact.messages.map((m) => (
          <li key={m.Id} data-content-type={m.ContentType}>
            {m.ContentType === 'audio/dtmf' ? 'DTMF ' : ''}
            {m.Content}
          </li>
        ))}
      </ul>
    </section>
  );
}

function App() {
  const tiles = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    tileContainer = tiles.current ?? undefined;
    audioElement = audio.current ?? undefined;
    void refresh();
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <main>
      <h1>Agent console</h1>
      <p>
        The emulator's stand-in for an agent's contact control panel.{' '}
        {autoAccept ? 'Accepting the next contact automatically.' : null}
      </p>
      {error.value ? <p role="alert">{error.value}</p> : null}
      <Queues />
      <h2>Contacts</h2>
      {contacts.value.length === 0 ? (
        <p>No contacts yet. Start a call from the demo page.</p>
      ) : null}
      <ul class="contacts">
        {contacts.value.map((c) => (
          <ContactRow key={c.ContactId} contact={c} />
        ))}
      </ul>
      <CallPanel />
      <ChatPanel watched={watched} />
      <audio ref={audio} autoplay />
      <div class="tiles" ref={tiles} />
    </main>
  );
}

// A join link (agent.html#participantToken=...) makes this page an added participant's instead.
const joinLink = readJoinLink(location.hash);
render(joinLink ? <JoinCall link={joinLink} /> : <App />, document.getElementById('app')!);

// What end-to-end tests read besides the page itself: the call's status and WebRTC statistics.
const agentConsole = {
  state() {
    const chime = call.value;
    return {
      contactId: activeContactId.value,
      status: chime?.status ?? 'idle',
      stopCode: chime?.stopCode ?? '',
      tiles: [...(chime?.tiles.values() ?? [])].map((t) => ({
        attendeeId: t.attendeeId,
        isContent: t.isContent,
        isLocal: t.isLocal,
      })),
      attendance: [...(chime?.attendance.values() ?? [])],
    };
  },
  mediaStats: () => call.value?.mediaStats(),
  startVideo: () => call.value?.startVideo(),
  stopVideo: () => call.value?.stopVideo(),
  // Whatever the contact allows: the capability tests make the agent send everything, to show that
  // the widget gates what it shows rather than mirroring what arrives.
  shareScreen: () => call.value?.startContentShare(),
};
declare global {
  interface Window {
    agentConsole: typeof agentConsole;
  }
}
window.agentConsole = agentConsole;
