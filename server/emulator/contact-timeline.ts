import { ContactStoreError, type DescribedContact } from './contact-store.js';
import type { FlowRun } from './flow/flow-runner.js';

/** What the web-call and chat stores both keep of a contact's life, for DescribeContact. */
export interface ContactTimeline {
  ContactId: string;
  InstanceId: string;
  Channel: DescribedContact['Channel'];
  InitiationMethod: DescribedContact['InitiationMethod'];
  initiatedAt: number;
  connectedAt?: number | undefined;
  disconnectedAt?: number | undefined;
  disconnectReason?: string | undefined;
  queue?: { Id: string; enqueuedAt: number } | undefined;
  attributes: Record<string, string>;
  relatedContactId?: string | undefined;
  previousContactId?: string | undefined;
  description?: string | undefined;
}

const epochSeconds = (ms: number): number => ms / 1000;

/** The SDK's `Contact` (DescribeContact) of a first contact, timestamps as REST-JSON sends them. */
export function describedContact(
  contact: ContactTimeline,
  { region, accountId, agentUserId }: { region: string; accountId: string; agentUserId: string },
): DescribedContact {
  const lastUpdate =
    contact.disconnectedAt ??
    contact.connectedAt ??
    contact.queue?.enqueuedAt ??
    contact.initiatedAt;
  return {
    Id: contact.ContactId,
    Arn: `arn:aws:connect:${region}:${accountId}:instance/${contact.InstanceId}/contact/${contact.ContactId}`,
    InitialContactId: contact.ContactId,
    ...(contact.previousContactId !== undefined && {
      PreviousContactId: contact.previousContactId,
    }),
    ...(contact.relatedContactId !== undefined && { RelatedContactId: contact.relatedContactId }),
    Channel: contact.Channel,
    InitiationMethod: contact.InitiationMethod,
    ...(contact.description !== undefined && { Description: contact.description }),
    InitiationTimestamp: epochSeconds(contact.initiatedAt),
    ConnectedToSystemTimestamp: epochSeconds(contact.initiatedAt),
    LastUpdateTimestamp: epochSeconds(lastUpdate),
    ...(contact.connectedAt !== undefined && {
      AgentInfo: { Id: agentUserId, ConnectedToAgentTimestamp: epochSeconds(contact.connectedAt) },
    }),
    ...(contact.disconnectedAt !== undefined && {
      DisconnectTimestamp: epochSeconds(contact.disconnectedAt),
    }),
    ...(contact.disconnectReason !== undefined && { DisconnectReason: contact.disconnectReason }),
    ...(contact.queue && {
      QueueInfo: { Id: contact.queue.Id, EnqueueTimestamp: epochSeconds(contact.queue.enqueuedAt) },
    }),
    Attributes: contact.attributes,
  };
}

/**
 * Why an agent cannot accept a contact yet: only a queued contact reaches an agent. `waiting` says
 * what the flow waits for before it starts (the customer joining the meeting, or connecting).
 */
export function notQueuedYet(
  contactId: string,
  flowName: string,
  run: FlowRun | undefined,
  waiting: string,
): ContactStoreError {
  const where =
    run === undefined
      ? `${waiting}, so its flow has not started`
      : `it is still in its contact flow "${flowName}" (block ${run.block ?? '-'})`;
  return new ContactStoreError(
    'Conflict',
    `ContactId ${contactId} is not in a queue yet: ${where}. An agent can accept it once the flow transfers it to a queue.`,
  );
}
