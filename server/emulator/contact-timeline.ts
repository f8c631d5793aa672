import {
  ContactStoreError,
  type ContactState,
  type DescribedContact,
  type FlowView,
  type QueueView,
} from './contact-store.js';
import type { FlowCatalog } from './flow/flow-catalog.js';
import { FlowRun, type FlowContact } from './flow/flow-runner.js';

/** What the web-call and chat stores both keep of a first contact's life. */
export interface ContactLife {
  ContactId: string;
  input: { InstanceId: string; RelatedContactId?: string | undefined };
  state: ContactState;
  flowName: string;
  run?: FlowRun | undefined;
  queue?: { Id: string; Name: string; enqueuedAt: number } | undefined;
  initiatedAt: number;
  connectedAt?: number | undefined;
  disconnectedAt?: number | undefined;
  disconnectReason?: string | undefined;
}

/**
 * Starts the contact's flow, whose attributes and queue land on the contact and whose disconnect
 * block (or failure) ends it through `end`. `media` is how its prompts reach the customer: played
 * into the meeting (a call) or sent as messages (a chat).
 */
export function startContactFlow(
  contact: ContactLife & {
    input: { ContactFlowId: string };
    flowAttributes: Record<string, string>;
  },
  flows: FlowCatalog,
  media: Pick<FlowContact, 'audio' | 'say'>,
  { now, end }: { now: () => number; end: () => void },
): void {
  const run = new FlowRun(flows.flowFor(contact.input.ContactFlowId), flows.prompts, {
    ...media,
    setAttributes: (attributes) => Object.assign(contact.flowAttributes, attributes),
    enqueue: (queue) => {
      contact.queue = { Id: queue.id, Name: queue.name, enqueuedAt: now() };
    },
    disconnect: end,
  });
  contact.run = run;
  run.start().catch((error: Error) => {
    console.error('The contact flow of %s failed: %s', contact.ContactId, error?.message);
    end();
  });
}

const isActive = (contact: ContactLife) => contact.state !== 'DISCONNECTED';

/** The contact of that id (of that instance, if given); NotFound otherwise. */
export function findContact<C extends ContactLife>(
  contacts: ReadonlyMap<string, C>,
  contactId: string,
  instanceId?: string,
): C {
  const contact = contacts.get(contactId);
  if (!contact || (instanceId !== undefined && contact.input.InstanceId !== instanceId)) {
    throw new ContactStoreError('NotFound', `ContactId ${contactId} was not found.`);
  }
  return contact;
}

/** Contacts not yet ended, of one instance or all: what the concurrency quotas count. */
export function countActive(contacts: Iterable<ContactLife>, instanceId?: string): number {
  let count = 0;
  for (const contact of contacts) {
    if (
      isActive(contact) &&
      (instanceId === undefined || contact.input.InstanceId === instanceId)
    ) {
      count++;
    }
  }
  return count;
}

/** Where the contact stands in its flow and queue, as the admin routes show it. */
export function flowAndQueueView(contact: ContactLife): {
  flow: FlowView;
  queue: QueueView | null;
} {
  return {
    flow: {
      name: contact.flowName,
      phase: contact.run?.phase ?? (isActive(contact) ? 'waiting' : 'ended'),
      block: contact.run?.block ?? null,
      path: structuredClone(contact.run?.path ?? []),
    },
    queue: contact.queue
      ? {
          Id: contact.queue.Id,
          Name: contact.queue.Name,
          enqueuedAt: new Date(contact.queue.enqueuedAt).toISOString(),
        }
      : null,
  };
}

/** What DescribeContact reports besides a contact's life. */
interface ContactTimeline {
  Channel: DescribedContact['Channel'];
  InitiationMethod: DescribedContact['InitiationMethod'];
  attributes: Record<string, string>;
  previousContactId?: string | undefined;
  description?: string | undefined;
}

const epochSeconds = (ms: number): number => ms / 1000;

/** The SDK's `Contact` (DescribeContact) of a first contact, timestamps as REST-JSON sends them. */
export function describedContact(
  contact: ContactLife,
  timeline: ContactTimeline,
  { region, accountId, agentUserId }: { region: string; accountId: string; agentUserId: string },
): DescribedContact {
  const relatedContactId = contact.input.RelatedContactId;
  const lastUpdate =
    contact.disconnectedAt ??
    contact.connectedAt ??
    contact.queue?.enqueuedAt ??
    contact.initiatedAt;
  return {
    Id: contact.ContactId,
    Arn: `arn:aws:connect:${region}:${accountId}:instance/${contact.input.InstanceId}/contact/${contact.ContactId}`,
    InitialContactId: contact.ContactId,
    ...(timeline.previousContactId !== undefined && {
      PreviousContactId: timeline.previousContactId,
    }),
    ...(relatedContactId !== undefined && { RelatedContactId: relatedContactId }),
    Channel: timeline.Channel,
    InitiationMethod: timeline.InitiationMethod,
    ...(timeline.description !== undefined && { Description: timeline.description }),
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
    Attributes: timeline.attributes,
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
