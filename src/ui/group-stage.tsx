import type { CallSession } from '../media/call-session';
import { useMessages } from './i18n';
import { format } from './messages';
import { personName, type StagePerson } from './stage-people';
import { VideoTile } from './video-tile';

/**
 * The stage with others beside the agent: a grid of up to five people (video or audio-only), the
 * one speaking now outlined, each named; a screen share, when there is one, takes the stage above
 * them as a strip.
 */
export function GroupStage({
  people,
  session,
  sharing,
}: {
  people: StagePerson[];
  session: CallSession;
  sharing: boolean;
}) {
  const messages = useMessages();
  return (
    <ul
      class="connect-video-grid"
      data-count={people.length}
      data-sharing={sharing}
      aria-label={format(messages.peopleInCall, { count: people.length + 1 })}
    >
      {people.map((person) => {
        const name =
          person.number === 0 ? messages.participantUnnamed : personName(messages, person);
        const state = person.muted ? `${name}, ${messages.participantMuted}` : name;
        return (
          <li
            key={person.attendeeId}
            class="connect-video-person"
            data-person={person.role}
            data-attendee-id={person.attendeeId}
            data-speaking={person.speaking}
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
              {person.speaking ? (
                <span class="connect-video-visually-hidden">, {messages.participantSpeaking}</span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
