import { useState } from 'preact/hooks';
import type { NewParticipant } from './agent-api';

/**
 * Adds a user or an agent to the call, as a customer's backend would with CreateParticipant. The
 * emulator's refusal (before the agent is connected, a name too long...) is shown as it comes.
 */
export function AddParticipantForm({
  onAdd,
}: {
  onAdd: (participant: NewParticipant) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<NewParticipant['ParticipantRole']>('CUSTOMER');
  const [video, setVideo] = useState(true);
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setAdding(true);
    setProblem(undefined);
    try {
      await onAdd({
        DisplayName: name.trim(),
        ParticipantRole: role,
        ...(video && { capabilities: { Video: 'SEND' } }),
      });
      setName('');
    } catch (e) {
      setProblem(`Could not add the participant: ${(e as Error).message}`);
    } finally {
      setAdding(false);
    }
  };

  return (
    <form class="add-participant" aria-labelledby="add-participant-heading" onSubmit={submit}>
      <h3 id="add-participant-heading">Add participant</h3>
      <label>
        Display name{' '}
        <input
          name="displayName"
          required
          maxLength={256}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>{' '}
      <label>
        Role{' '}
        <select
          name="role"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as NewParticipant['ParticipantRole'])}
        >
          {/* SUPERVISOR is not offered: the emulator refuses it for a web call, as its Connect
              API does (server/emulator/README.md, "Multi-user calls"). */}
          <option value="CUSTOMER">Customer</option>
          <option value="AGENT">Agent</option>
        </select>
      </label>{' '}
      <label>
        <input
          type="checkbox"
          name="video"
          checked={video}
          onChange={(e) => setVideo(e.currentTarget.checked)}
        />{' '}
        May send video
      </label>{' '}
      <button type="submit" disabled={adding}>
        Add participant
      </button>
      {problem ? <p role="alert">{problem}</p> : null}
    </form>
  );
}
