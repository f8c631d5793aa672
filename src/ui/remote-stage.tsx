import type { Capabilities } from '../core/capabilities';
import { isAgentExternalUserId } from '../core/is-agent-external-user-id';
import type { RemoteParticipant } from '../core/participants-model';
import type { CallSession } from '../media/call-session';
import type { VideoTile as Tile } from '../media/media-session-observer';
import { useMessages } from './i18n';
import { format, type Messages } from './messages';
import { VideoTile } from './video-tile';

/** One person on the stage: their camera when it is on and allowed, else an audio-only tile. */
export interface StagePerson extends RemoteParticipant {
  tile?: Tile;
}

export function personName(messages: Messages, person: RemoteParticipant): string {
  if (person.role === 'agent')
    return person.number === 1
      ? messages.agentName
      : format(messages.agentNumbered, { number: person.number });
  return format(messages.participantName, { number: person.number });
}

/**
 * Everyone else, each with their camera tile if they send one. A video from someone the meeting
 * has not yet reported present still gets its tile (presence can trail the first frames). The
 * agent's camera shows only when the contact allows agent video, as for a one-to-one call.
 */
export function stagePeople(
  participants: RemoteParticipant[],
  tiles: Tile[],
  caps: Capabilities,
): StagePerson[] {
  const cameras = tiles.filter((t) => !t.isLocal && !t.isContent);
  const people: StagePerson[] = participants.map((p) => ({
    ...p,
    tile:
      p.role === 'agent' && !caps.agentVideo
        ? undefined
        : cameras.find((t) => t.attendeeId === p.attendeeId),
  }));
  for (const tile of cameras) {
    if (people.some((p) => p.attendeeId === tile.attendeeId)) continue;
    const agent = isAgentExternalUserId(tile.externalUserId);
    if (agent && !caps.agentVideo) continue;
    people.push({
      attendeeId: tile.attendeeId,
      role: agent ? 'agent' : 'participant',
      number: 0,
      muted: false,
      speaking: false,
      tile,
    });
  }
  return people;
}

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
