import type { APIRequestContext } from '@playwright/test';

export interface EmulatedContact {
  ContactId: string;
  DisplayName: string;
  state: 'INITIATED' | 'CONNECTED' | 'DISCONNECTED';
  disconnectReason: string | null;
  Attributes: Record<string, string>;
}

/** The emulator's contacts of one customer (tests run in parallel: each uses a unique name). */
export async function contactsOf(
  request: APIRequestContext,
  displayName: string,
): Promise<EmulatedContact[]> {
  const response = await request.get('/emulator/contacts');
  if (!response.ok()) throw new Error(`GET /emulator/contacts answered ${response.status()}`);
  const { contacts } = (await response.json()) as { contacts: EmulatedContact[] };
  return contacts.filter((contact) => contact.DisplayName === displayName);
}

/**
 * Ends the customer's contacts that are still active, so that a failed or abandoned call never
 * holds one of the emulator's 10 concurrent contacts for the tests that follow.
 */
export async function endActiveContactsOf(
  request: APIRequestContext,
  displayName: string,
): Promise<void> {
  for (const contact of await contactsOf(request, displayName)) {
    if (contact.state === 'DISCONNECTED') continue;
    // 409 when it ended meanwhile: that is fine too.
    await request.post(`/emulator/contacts/${encodeURIComponent(contact.ContactId)}/end`, {
      data: { by: 'system' },
    });
  }
}
