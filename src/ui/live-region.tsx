import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetController } from './widget-controller';
import { useMessages } from './i18n';
import { endedMessage } from './end-view';
import { format } from './messages';
import { personName } from './stage-people';

/** Announces what changed ("the agent joined", "reconnecting", "call ended") to screen readers. */
export function LiveRegion({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const { model } = controller;
  const state = model.state.value;
  const agentPresent = model.agentPresent.value;
  const [text, setText] = useState('');
  const previous = useRef({ state, agentPresent });
  useEffect(() => {
    const before = previous.current;
    previous.current = { state, agentPresent };
    if (state === before.state && agentPresent === before.agentPresent) return;
    if (state === 'reconnecting') setText(messages.reconnecting);
    else if (state === 'ended') setText(endedMessage(messages, model.endedBy.peek()));
    else if (agentPresent && !before.agentPresent) setText(messages.agentJoined);
    else if (!agentPresent && before.agentPresent) setText(messages.agentLeft);
    else if (state === 'waiting-for-agent') setText(messages.waitingForAgent);
    else if (state === 'requesting') setText(messages.connecting);
  }, [state, agentPresent, messages, model]);
  // Guests and further agents coming and going (the first agent is told above).
  const change = controller.callSession.value?.participants.lastChange.value;
  useEffect(() => {
    if (!change) return;
    const name = personName(messages, change.participant);
    setText(
      format(change.kind === 'joined' ? messages.participantJoined : messages.participantLeft, {
        name,
      }),
    );
  }, [change?.id]);
  return (
    <div class="connect-video-visually-hidden" role="status" aria-live="polite" data-live-region>
      {text}
    </div>
  );
}
