import { useComputed, type ReadonlySignal } from '@preact/signals';
import type { CallSession } from '../media/call-session';
import { useMessages } from './i18n';
import { format } from './messages';
import { personName, type StagePerson } from './stage-people';
import { VideoTile } from './video-tile';

/**
 * The stage with others beside the agent: a grid of up to five people (video or audio-only), the
 * one speaking now outlined, each named; a screen share, when there is one, takes the stage above
 * them as a strip.
 *
 * The list and the speaker are signals read here and in each person, not by the call view: the
 * speaker changes several times a second in a lively call, and each change re-renders only the two
 * people whose mark moves (`npm run bench`, six: renders per second).
 */
export function GroupStage({
  people,
  speaker,
  session,
  sharing,
}: {
  people: ReadonlySignal<StagePerson[]>;
  speaker: ReadonlySignal<string | undefined>;
  session: CallSession;
  sharing: boolean;
}) {
  const messages = useMessages();
  const list = people.value;
  return (
    <ul
      class="connect-video-grid"
      data-count={list.length}
      data-sharing={sharing}
      aria-label={format(messages.peopleInCall, { count: list.length + 1 })}
    >
      {list.map((person) => (
        <Person key={person.attendeeId} person={person} speaker={speaker} session={session} />
      ))}
    </ul>
  );
}

function Person({
  person,
  speaker,
  session,
}: {
  person: StagePerson;
  speaker: ReadonlySignal<string | undefined>;
  session: CallSession;
}) {
  const messages = useMessages();
  // Bound to the DOM as signals, not read here: the speaker changes several times a second in a
  // lively call, and a mark that moves now updates two attributes instead of re-rendering two
  // people and their videos (`npm run bench`, six: renders per second). The words for screen
  // readers are hidden from them with aria-hidden, not `hidden`: toggling display lays the page out
  // again at every move, and an ARIA attribute that no style reads does not.
  const speaking = useComputed(() => String(speaker.value === person.attendeeId));
  const quiet = useComputed(() => speaking.value !== 'true');
  const name = person.number === 0 ? messages.participantUnnamed : personName(messages, person);
  const state = person.muted ? `${name}, ${messages.participantMuted}` : name;
  return (
    <li
      class="connect-video-person"
      data-person={person.role}
      data-attendee-id={person.attendeeId}
      data-speaking={speaking}
      data-video={!!person.tile}
    >
      {person.tile ? (
        <VideoTile
          tile={person.tile}
          session={session}
          role={person.role === 'agent' ? 'agent' : 'participant'}
          label={format(messages.personVideoLabel, { name })}
        />
      ) : (
        <div class="connect-video-audio-only" aria-hidden="true">
          <span class="connect-video-avatar">{name.slice(0, 1).toUpperCase()}</span>
        </div>
      )}
      <span class="connect-video-name">
        {state}
        <span class="connect-video-visually-hidden" aria-hidden={quiet}>
          , {messages.participantSpeaking}
        </span>
      </span>
    </li>
  );
}
