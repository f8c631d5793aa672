import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createInvitationModel } from '../core/invitation-model';
import type { EndpointInit } from '../core/session-request';
import { format } from './messages';
import { useLocale, useMessages } from './i18n';
import { useFocusOnMount } from './use-focus-on-mount';

/**
 * Inviting someone into the call: the link is created when the panel opens (one guest slot per
 * link), then copied or handed to the system's share sheet where there is one.
 */
export function InvitePanel({
  url,
  sessionHandle,
  requestInit,
  onClose,
}: {
  url: string;
  sessionHandle: string;
  requestInit?: EndpointInit | undefined;
  onClose: () => void;
}) {
  const messages = useMessages();
  const locale = useLocale();
  const root = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  const invitation = useMemo(
    () => createInvitationModel({ url, sessionHandle, ...requestInit }),
    [url, sessionHandle],
  );
  useEffect(() => {
    void invitation.create();
    return () => invitation.dispose();
  }, [invitation]);
  useFocusOnMount(root);
  const state = invitation.state.value;
  const canShare = typeof navigator.share === 'function';
  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission: the link is selected for the customer to copy themselves.
      root.current?.querySelector<HTMLInputElement>('input')?.select();
    }
  };
  let body;
  if (state.kind === 'ready') {
    const time = new Date(state.expiresAt).toLocaleTimeString(locale, {
      hour: 'numeric',
      minute: '2-digit',
    });
    body = (
      <>
        <p class="connect-video-hint-text" id="connect-video-invite-hint">
          {format(messages.inviteHint, { time })}
        </p>
        <label for="connect-video-invite-link">{messages.inviteLinkLabel}</label>
        <input
          id="connect-video-invite-link"
          readOnly
          value={state.url}
          aria-describedby="connect-video-invite-hint"
          onFocus={(e) => (e.target as HTMLInputElement).select()}
        />
        <div class="connect-video-actions">
          <button
            type="button"
            class="connect-video-primary"
            data-control="copy-invitation"
            data-autofocus
            onClick={() => void copy(state.url)}
          >
            {messages.copyLink}
          </button>
          {canShare ? (
            <button
              type="button"
              data-control="share-invitation"
              onClick={() =>
                void navigator.share({ title: messages.inviteTitle, url: state.url }).catch(() => {
                  // Dismissed by the customer: nothing to do.
                })
              }
            >
              {messages.shareLink}
            </button>
          ) : null}
        </div>
        <p class="connect-video-hint-text" role="status">
          {copied ? messages.linkCopied : ''}
        </p>
      </>
    );
  } else if (state.kind === 'failed') {
    const text =
      state.reason === 'failed' ? messages['invite.failed'] : messages[`invite.${state.reason}`];
    body = (
      <>
        <p class="connect-video-problem" role="alert" data-invitation-failure={state.reason}>
          {text}
        </p>
        {state.reason === 'CallFull' ? null : (
          <button type="button" data-autofocus onClick={() => void invitation.create()}>
            {messages.tryAgain}
          </button>
        )}
      </>
    );
  } else {
    body = (
      <p role="status" tabIndex={-1} data-autofocus>
        {messages.inviteCreating}
      </p>
    );
  }
  return (
    <div
      ref={root}
      class="connect-video-popover connect-video-invite"
      role="dialog"
      aria-label={messages.inviteTitle}
      data-invitation={state.kind}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h3 class="connect-video-subtitle">{messages.inviteTitle}</h3>
      {body}
      {state.kind === 'ready' ? (
        <button type="button" class="connect-video-link" onClick={() => void invitation.create()}>
          {messages.newInvite}
        </button>
      ) : null}
    </div>
  );
}
