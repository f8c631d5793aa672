import { useEffect, useRef, useState } from 'preact/hooks';
import { useComputed } from '@preact/signals';
import { isAgentExternalUserId } from '../core/is-agent-external-user-id';
import { mediaAbilities } from '../core/media-abilities';
import { DeviceSettings } from './device-settings';
import { useLocale, useMessages } from './i18n';
import { CallTimer } from './call-timer';
import { Keypad } from './keypad';
import { format, type Messages } from './messages';
import { ControlButton } from './toggle-button';
import { stagePeople } from './stage-people';
import { GroupStage } from './group-stage';
import { InvitePanel } from './invite-panel';
import { VideoTile } from './video-tile';
import type { WidgetController } from './widget-controller';

type Popover = 'keypad' | 'settings' | 'invite' | 'chat' | undefined;

function noticeText(messages: Messages, controller: WidgetController): string | undefined {
  const notice = controller.notice.value;
  switch (notice?.kind) {
    case 'camera-unavailable':
      return messages.cameraUnavailable;
    case 'video-send-unavailable':
      return messages.videoSendUnavailable;
    case 'device-lost':
      return notice.device === 'camera' ? messages.cameraLost : messages.microphoneLost;
    case 'device-switched':
      return format(
        notice.device === 'camera' ? messages.cameraSwitched : messages.microphoneSwitched,
        { name: notice.label },
      );
    case 'screen-share-failed':
      return messages.screenShareFailed;
    case 'dtmf-failed':
      return messages.dtmfFailed;
    case 'screen-sharing-request-failed':
      return messages.screenSharingRequestFailed;
    case 'background-off':
      return controller.background.peek()?.problemText(messages, notice.problem);
    default:
      return undefined;
  }
}

/**
 * Before the agent: the customer is connected and the contact runs through its flow (prompts, a
 * menu answered with the keypad, the queue), so the wait is counted and the keypad is one press
 * away, by mouse, keyboard or screen reader, beside the control bar's button.
 */
function WaitingForAgent({ onOpenKeypad }: { onOpenKeypad: () => void }) {
  const messages = useMessages();
  const [since] = useState(Date.now);
  return (
    <>
      <p tabIndex={-1} data-autofocus>
        {messages.waitingForAgent}
      </p>
      <p class="connect-video-hint">
        {messages.waitingConnected} {messages.waitingHint}
      </p>
      <CallTimer startedAt={since} label={messages.waitingTimer} />
      <p class="connect-video-hint">
        {messages.waitingKeypadHint}{' '}
        <button
          type="button"
          class="connect-video-link"
          data-control="open-keypad"
          onClick={onOpenKeypad}
        >
          {messages.openKeypad}
        </button>
      </p>
    </>
  );
}

/** Nothing in the widget has focus, and nothing else on the page took it. */
export function focusLost(element: Element): boolean {
  const root = element.getRootNode();
  if (root instanceof ShadowRoot && root.activeElement?.isConnected) return false;
  const active = document.activeElement;
  return (
    !active || active === document.body || (root instanceof ShadowRoot && active === root.host)
  );
}

/** Waiting for the agent, in call and reconnecting: the stage, the banners and the controls. */
export function CallView({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const { model } = controller;
  const session = controller.callSession.value;
  const [popover, setPopover] = useState<Popover>(undefined);
  const [requested, setRequested] = useState(false);
  const [pip, setPip] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<string | undefined>(undefined);
  const state = model.state.value;
  const caps = model.capabilities.value;
  // The people on the stage are read by the group stage; this view follows only the tiles it
  // shows itself, so that a join, a mute or another person's video does not re-render all of it.
  const tiles = () => controller.callSession.value?.tiles.value ?? [];
  const remoteScreen = useComputed(() => {
    const ownId = model.session.value?.ConnectionData.Attendee.AttendeeId ?? '';
    return tiles().find((t) => t.isContent && !t.attendeeId.startsWith(ownId));
  }).value;
  const selfTile = useComputed(() => tiles().find((t) => t.isLocal)).value;
  const people = useComputed(() =>
    stagePeople(
      controller.callSession.value?.participants.participants.value ?? [],
      tiles(),
      model.capabilities.value,
    ),
  );
  // Anyone besides the agent (a guest, a second agent): everyone gets a tile of their own.
  const group = useComputed(
    () => people.value.length > 1 || people.value.some((p) => p.role !== 'agent'),
  ).value;
  const agentTile = useComputed(
    () => people.value.find((p) => p.role === 'agent' && p.tile)?.tile,
  ).value;
  const screenOfAgent =
    !!remoteScreen && isAgentExternalUserId(remoteScreen.externalUserId.replace(/#content$/, ''));
  const agentScreen =
    remoteScreen && (!screenOfAgent || caps.agentScreenShare) ? remoteScreen : undefined;
  const muted = model.selfMuted.value;
  const cameraOn = model.cameraOn.value;
  const sharing = model.localScreenShare.value;
  const notice = noticeText(messages, controller);
  const can = mediaAbilities();
  const toggle = (which: Exclude<Popover, undefined>) => {
    opener.current = undefined;
    setPopover(popover === which ? undefined : which);
  };
  // The control that opened the popover: the control bar's button, or the waiting view's link.
  const opener = useRef<string | undefined>(undefined);
  const closePopover = () => {
    // The popover's content goes away: focus returns to the button that opened it.
    returnFocus.current = opener.current ?? popover;
    opener.current = undefined;
    setPopover(undefined);
  };
  const canRequestShare =
    can.shareScreen &&
    caps.customerScreenShare &&
    !model.canShareScreen.value &&
    !!controller.config.screenSharingRequestUrl &&
    !!model.session.value?.SessionHandle;

  // The chat the call was switched to from, kept beside it (`chatOnVideo: 'keep'`): one press
  // away in the controls, with the agent's messages the customer has not seen counted.
  const chatChunk = controller.chatChunk.value;
  const keptChat =
    chatChunk && (controller.chat.value?.model.status.value ?? 'idle') !== 'idle'
      ? chatChunk
      : undefined;
  // The agent's messages without the customer's read receipt: those read before a reload stay read.
  const unreadMessages = controller.chat.value?.model.unread.value ?? 0;
  const unread = popover === 'chat' ? 0 : unreadMessages;
  const locale = useLocale();

  const contact = model.session.value;
  // Offered by the endpoint for this session, to the customer who started the contact, once the
  // agent is there (Connect refuses to add anyone before).
  const inviteUrl =
    contact?.Invitations && !contact.Guest && contact.SessionHandle && model.agentPresent.value
      ? controller.config.invitationRequestUrl
      : undefined;

  useEffect(() => {
    if (!returnFocus.current) return;
    root.current?.querySelector<HTMLElement>(`[data-control="${returnFocus.current}"]`)?.focus();
    returnFocus.current = undefined;
  }, [popover]);

  // The waiting message had focus and is replaced by the agent's video: focus would fall to the
  // page's <body>, so it moves to the first control instead.
  useEffect(() => {
    const element = root.current;
    if (element && state !== 'waiting-for-agent' && focusLost(element)) {
      element.querySelector<HTMLElement>('[data-control="mute"]')?.focus();
    }
  }, [state, !!agentTile, !!agentScreen]);

  // Picture-in-picture of the agent's video: the events bubble from the video element.
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const enter = () => setPip(true);
    const leave = () => setPip(false);
    element.addEventListener('enterpictureinpicture', enter);
    element.addEventListener('leavepictureinpicture', leave);
    return () => {
      element.removeEventListener('enterpictureinpicture', enter);
      element.removeEventListener('leavepictureinpicture', leave);
    };
  }, []);
  const togglePip = async () => {
    const video = root.current?.querySelector<HTMLVideoElement>('[data-tile="agent"] video');
    try {
      if (document.pictureInPictureElement) await document.exitPictureInPicture();
      else if (video) await video.requestPictureInPicture();
    } catch {
      // The browser refused (no frames yet, or a policy): the call view stays as it is.
    }
  };

  return (
    <div ref={root} class="connect-video-call" data-agent-present={model.agentPresent.value}>
      {/* Keyed: without keys Preact matched the agent's new tile to the self view's component and
          moved the self view's video element to the agent (seen in e2e/main-thread.spec.ts). */}
      <div class="connect-video-stage">
        {agentScreen && session ? (
          <VideoTile
            key="screen"
            tile={agentScreen}
            session={session}
            role={screenOfAgent ? 'agent-screen' : 'screen'}
            label={screenOfAgent ? messages.agentScreenLabel : messages.sharedScreenLabel}
          />
        ) : null}
        {group && session ? (
          <GroupStage
            key="group"
            people={people}
            speaker={session.participants.speaker}
            session={session}
            sharing={!!agentScreen}
          />
        ) : agentTile && session ? (
          <VideoTile
            key="agent"
            tile={agentTile}
            session={session}
            role="agent"
            label={messages.agentVideoLabel}
          />
        ) : (
          <div key="placeholder" class="connect-video-placeholder">
            {state === 'waiting-for-agent' ? (
              <WaitingForAgent
                onOpenKeypad={() => {
                  opener.current = 'open-keypad';
                  setPopover('keypad');
                }}
              />
            ) : null}
          </div>
        )}
        {selfTile && session ? (
          <VideoTile
            key="self"
            tile={selfTile}
            session={session}
            role="self"
            label={messages.selfViewLabel}
          />
        ) : null}
      </div>
      <div class="connect-video-banners">
        {state === 'reconnecting' ? (
          <p class="connect-video-banner" data-banner="reconnecting">
            {messages.reconnecting}
          </p>
        ) : null}
        {model.agentMuted.value && model.agentPresent.value ? (
          <p class="connect-video-banner" data-banner="agent-muted">
            {messages.agentMuted}
          </p>
        ) : null}
        {model.connectionPoor.value && state !== 'reconnecting' ? (
          <p class="connect-video-banner" data-banner="poor-connection">
            {messages.poorConnection}{' '}
            {cameraOn ? (
              <button
                type="button"
                class="connect-video-link"
                onClick={() => void session?.setCamera(false)}
              >
                {messages.turnOffVideo}
              </button>
            ) : null}
          </p>
        ) : null}
        {notice ? (
          <p class="connect-video-banner" data-banner="notice" role="alert">
            {notice}{' '}
            <button
              type="button"
              class="connect-video-link"
              aria-label={messages.close}
              onClick={controller.dismissNotice}
            >
              ×
            </button>
          </p>
        ) : null}
        {requested && !model.canShareScreen.value ? (
          <p class="connect-video-banner" data-banner="share-requested">
            {messages.screenShareRequested}
          </p>
        ) : null}
      </div>
      <div class="connect-video-dock">
        {popover === 'keypad' && session ? (
          <Keypad session={session} onClose={closePopover} />
        ) : null}
        {popover === 'settings' && session ? (
          <DeviceSettings
            controller={controller}
            session={session}
            showCamera={caps.customerVideo}
            onClose={closePopover}
          />
        ) : null}
        {popover === 'chat' && keptChat ? (
          <keptChat.ChatPopover controller={controller} onClose={closePopover} />
        ) : null}
        {popover === 'invite' && inviteUrl && contact?.SessionHandle ? (
          <InvitePanel
            url={inviteUrl}
            sessionHandle={contact.SessionHandle}
            requestInit={controller.requestInit}
            onClose={closePopover}
          />
        ) : null}
        {keptChat ? (
          <p class="connect-video-visually-hidden" role="status" data-chat-unread>
            {unread ? format(messages.chatWithUnread, { count: unread }, locale) : ''}
          </p>
        ) : null}
        <div class="connect-video-controls" role="group" aria-label={messages.callControls}>
          <ControlButton
            control="mute"
            label={muted ? messages.unmute : messages.mute}
            icon={muted ? 'micOff' : 'mic'}
            pressed={muted}
            onClick={() => session?.setMuted(!muted)}
          />
          {caps.customerVideo ? (
            <ControlButton
              control="camera"
              label={cameraOn ? messages.cameraOff : messages.cameraOn}
              icon={cameraOn ? 'video' : 'videoOff'}
              pressed={cameraOn}
              onClick={() => void session?.setCamera(!cameraOn)}
            />
          ) : null}
          {model.canShareScreen.value && can.shareScreen ? (
            <ControlButton
              control="screen-share"
              label={sharing ? messages.stopSharing : messages.shareScreen}
              icon="screen"
              pressed={sharing}
              onClick={() =>
                sharing ? session?.stopScreenShare() : void session?.startScreenShare()
              }
            />
          ) : canRequestShare ? (
            <ControlButton
              control="request-screen-share"
              label={messages.requestScreenShare}
              icon="screen"
              onClick={() => {
                setRequested(true);
                void session?.requestScreenSharing();
              }}
            />
          ) : null}
          {agentTile && can.pictureInPicture ? (
            <ControlButton
              control="picture-in-picture"
              label={messages.pictureInPicture}
              icon="pip"
              pressed={pip}
              onClick={() => void togglePip()}
            />
          ) : null}
          {inviteUrl ? (
            <ControlButton
              control="invite"
              label={messages.invite}
              icon="invite"
              expanded={popover === 'invite'}
              onClick={() => toggle('invite')}
            />
          ) : null}
          {keptChat ? (
            <ControlButton
              control="chat"
              label={
                unread
                  ? format(messages.chatWithUnread, { count: unread }, locale)
                  : messages.chatTitle
              }
              icon="chat"
              expanded={popover === 'chat'}
              onClick={() => toggle('chat')}
            >
              {unread ? (
                <span class="connect-video-badge" aria-hidden="true">
                  {unread}
                </span>
              ) : null}
            </ControlButton>
          ) : null}
          <ControlButton
            control="keypad"
            label={messages.keypad}
            icon="keypad"
            expanded={popover === 'keypad'}
            onClick={() => toggle('keypad')}
          />
          <ControlButton
            control="settings"
            label={messages.settings}
            icon="settings"
            expanded={popover === 'settings'}
            onClick={() => toggle('settings')}
          />
          <ControlButton
            control="end"
            label={messages.endCall}
            icon="hangUp"
            variant="danger"
            onClick={() => void controller.end()}
          />
        </div>
      </div>
    </div>
  );
}
