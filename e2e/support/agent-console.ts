import type { BrowserContext, Page } from '@playwright/test';

/** The emulator's agent console, answering only the contact of the given customer name. */
export async function openAgentConsole(
  context: BrowserContext,
  displayName: string,
): Promise<Page> {
  const agent = await context.newPage();
  await agent.goto(`/agent.html?autoAccept=1&displayName=${encodeURIComponent(displayName)}`);
  return agent;
}

/** A customer name unique to this test, so parallel tests never answer each other's contacts. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
}
