import { useEffect, useRef, useState } from 'preact/hooks';
import { agentApi } from './agent-api';
import { ChimeCall } from './chime-call';
import type { JoinLink } from './join-link';
import { participantWebRTCConnection } from './participant-webrtc-connection';

/**
 * The console page opened with a join link: it joins the call as the added participant, with the
 * plain Chime SDK client, and shows every remote video and its own camera. It stands in for the
 * app of a user the agent invited.
 */
export function JoinCall({ link }: { link: JoinLink }) {
  const tiles = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const [call, setCall] = useState<ChimeCall | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  // The SDK's observers change the call in place; this only makes Preact render again.
  const [, setRevision] = useState(0);

  useEffect(() => {
    let chime: ChimeCall | undefined;
    let closed = false;
    (async () => {
      const { participant } = await agentApi.endpoints();
      const connection = await participantWebRTCConnection(link.participantToken, participant);
      if (closed) return;
      chime = new ChimeCall(connection, tiles.current!, audio.current!, () =>
        setRevision((n) => n + 1),
      );
      setCall(chime);
      await chime.join({ video: link.video });
    })().catch((e: Error) => setProblem(`Could not join the call: ${e.message}`));
    return () => {
      closed = true;
      void chime?.leave().catch(() => undefined);
    };
  }, [link]);

  const others = [...(call?.attendance.values() ?? [])].filter(
    (a) =>
      a.present &&
      !a.attendeeId.endsWith('#content') &&
      a.attendeeId !== call?.session.configuration.credentials?.attendeeId,
  );
  const status = call?.status ?? 'joining';
  return (
    <main data-call-status={status}>
      <h1>In the call as {link.name || 'an added participant'}</h1>
      {problem ? <p role="alert">{problem}</p> : null}
      <p>
        Call: <output id="call-status">{status}</output>
        {' · '}
        {/* Announced as people join and leave: the count is what changes. */}
        <span class="others" role="status" aria-live="polite">
          {others.length === 1 ? '1 other person' : `${others.length} other people`} in the call
        </span>
      </p>
      {call ? (
        <div class="controls">
          <button
            type="button"
            aria-pressed={call.muted}
            onClick={() => call.setMuted(!call.muted)}
          >
            Mute
          </button>
          <button
            type="button"
            disabled={status === 'stopped'}
            onClick={() => void call.leave().catch((e: Error) => setProblem(e.message))}
          >
            Leave the call
          </button>
        </div>
      ) : null}
      <audio ref={audio} autoplay />
      <div class="tiles" ref={tiles} aria-label="Videos" role="group" />
    </main>
  );
}
