import { STATUS_TEXT, type ParticipantRow } from './participant-tracker';

const ROLE_TEXT = { CUSTOMER: 'customer', AGENT: 'agent' } as const;

/**
 * Everyone in the active call, with where they stand and their microphone once known; an invited
 * participant the console added carries the link that joins the call as them. State shows as
 * `data-*` attributes, so tests and styles select by state rather than by text.
 */
export function ParticipantList({
  rows,
  joinLinks,
}: {
  rows: readonly ParticipantRow[];
  /** Join links by ParticipantId, for the participants this console added. */
  joinLinks: ReadonlyMap<string, string>;
}) {
  return (
    <section aria-labelledby="participants-heading">
      <h3 id="participants-heading">People in the call</h3>
      <ul class="participants">
        {rows.map(({ participant: p, status }) => {
          const link = status === 'invited' ? joinLinks.get(p.ParticipantId) : undefined;
          const name = p.DisplayName || '(no name)';
          return (
            <li
              key={p.ParticipantId}
              data-participant-id={p.ParticipantId}
              data-attendee-id={p.AttendeeId}
              data-kind={p.kind}
              data-status={status}
              data-muted={p.muted === null ? undefined : String(p.muted)}
            >
              <strong class="name">{name}</strong>{' '}
              <span class="role">{ROLE_TEXT[p.ParticipantRole]}</span>
              {' · '}
              <span class="status">{STATUS_TEXT[status]}</span>
              {p.muted === null ? null : (
                <span class="mic">{p.muted ? ' · microphone muted' : ' · microphone on'}</span>
              )}
              {link ? (
                <>
                  {' '}
                  <a href={link} target="_blank" rel="noopener">
                    Join the call as {name}
                  </a>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
