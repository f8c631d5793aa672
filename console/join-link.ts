/** What a join link carries: the participant's bearer token, the name to show, whether to send video. */
export interface JoinLink {
  participantToken: string;
  name: string;
  video: boolean;
}

/**
 * The console page's fragment that joins a call as an added participant. A fragment, not a query:
 * browsers never send it to the server, so the bearer token stays out of access logs and Referer.
 */
export function joinLinkHash({ participantToken, name, video }: JoinLink): string {
  const params = new URLSearchParams({ participantToken, name });
  if (video) params.set('video', '1');
  return `#${params}`;
}

/** The join link in a page's fragment, if it has one. */
export function readJoinLink(hash: string): JoinLink | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const participantToken = params.get('participantToken');
  if (!participantToken) return undefined;
  return { participantToken, name: params.get('name') ?? '', video: params.get('video') === '1' };
}
