import type { ContactSummary } from './agent-api';

/** The way the contact came through its flow: the outcome of each block that had one. */
export function FlowPath({
  contact,
  waiting = 'customer not in the call yet',
}: {
  contact: Pick<ContactSummary, 'flow' | 'queue'>;
  /** What the flow waits for before it starts (calls: the customer joining; chats: connecting). */
  waiting?: string;
}) {
  const steps = contact.flow.path.filter((step) => step.outcome);
  const where =
    contact.flow.phase === 'waiting'
      ? waiting
      : contact.flow.phase === 'running'
        ? `in the flow, block ${contact.flow.block ?? '-'}`
        : contact.queue
          ? `queue ${contact.queue.Name} since ${new Date(contact.queue.enqueuedAt).toLocaleTimeString()}`
          : 'left the flow';
  return (
    <div class="flow" data-flow-phase={contact.flow.phase} data-queue={contact.queue?.Name ?? ''}>
      Flow “{contact.flow.name}”: <span class="where">{where}</span>
      {steps.length ? (
        <ol class="path">
          {steps.map((step, i) => (
            <li key={i} data-block={step.block}>
              {step.block}: {step.outcome}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
