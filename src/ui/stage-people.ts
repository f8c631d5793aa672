import type { Capabilities } from '../core/capabilities';
import { isAgentExternalUserId } from '../core/is-agent-external-user-id';
import type { RemoteParticipant } from '../core/participants-model';
import type { VideoTile as Tile } from '../media/media-session-observer';
import { format, type Messages } from './messages';

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
      tile,
    });
  }
  return people;
}
