import { useState } from 'preact/hooks';
import { format } from './messages';
import { useLocale, useMessages } from './i18n';
import type { WidgetController } from './widget-controller';

const MAX_NAME = 256;

/**
 * The first screen: why the call, what the browser is about to ask and why, the customer's name
 * when needed, the start button, and the device check on request. Nothing is asked of the
 * browser until the customer presses a button.
 */
export function IdleView({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const locale = useLocale();
  const { config } = controller;
  // A guest's name is the one the inviting customer gave: no form.
  const invited = controller.invited.value;
  const askName = !invited && (config.askForName || !config.fields.displayName);
  const [name, setName] = useState(config.fields.displayName ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const support = controller.support.value;
  const { channels } = config;
  const video = channels.includes('video');
  const chat = channels.includes('chat');
  const canCall = video && !(support && !support.supported);
  // Chat needs no camera or microphone: a browser that cannot call can still chat.
  if (support && !support.supported && !chat) {
    return (
      <div class="connect-video-idle" data-unsupported="true">
        <p class="connect-video-problem-title" role="alert" tabIndex={-1} data-autofocus>
          {messages['error.unsupported-browser']}
        </p>
        {support.text ? <p>{support.text}</p> : null}
        <p>{messages.unsupportedHelp}</p>
        {config.otherChannelsUrl ? (
          <a href={config.otherChannelsUrl} target="_blank" rel="noopener">
            {messages.otherChannels}
          </a>
        ) : null}
      </div>
    );
  }
  const valid = (): boolean => {
    if (!askName) return true;
    const trimmed = name.trim();
    if (!trimmed) setProblem(messages.nameRequired);
    else if ([...trimmed].length > MAX_NAME)
      setProblem(format(messages.nameTooLong, { max: MAX_NAME }, locale));
    else {
      setProblem(undefined);
      return true;
    }
    return false;
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!valid()) return;
    if (!canCall) controller.startChat(askName ? name.trim() : (config.fields.displayName ?? ''));
    else if (askName) controller.submitName(name.trim());
    else controller.start();
  };
  const intro = invited
    ? messages.guestIntro
    : chat && video
      ? askName
        ? messages.bothIntro
        : messages.bothIntroNoName
      : chat
        ? askName
          ? messages.chatIntro
          : messages.chatIntroNoName
        : askName
          ? messages.nameFormIntro
          : messages.callIntro;

  return (
    <form class="connect-video-idle" onSubmit={onSubmit} noValidate>
      <p>{intro}</p>
      {askName ? (
        <div class="connect-video-field">
          <label for="connect-video-name">{messages.nameLabel}</label>
          <input
            id="connect-video-name"
            name="displayName"
            autocomplete="name"
            value={name}
            maxLength={MAX_NAME * 2}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={problem ? 'connect-video-name-problem' : undefined}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
            data-autofocus
          />
          {problem ? (
            <p id="connect-video-name-problem" class="connect-video-problem" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      ) : null}
      {canCall ? (
        <p class="connect-video-hint-text" id="connect-video-permission-intro">
          {config.customerVideo ? messages.permissionIntroVideo : messages.permissionIntroAudio}
        </p>
      ) : null}
      {video && !canCall ? <p>{messages['error.unsupported-browser']}</p> : null}
      <div class="connect-video-actions">
        {canCall ? (
          <button
            type="submit"
            class="connect-video-primary"
            aria-describedby="connect-video-permission-intro"
            data-autofocus={askName ? undefined : true}
          >
            {invited ? messages.joinCall : messages.startCall}
          </button>
        ) : null}
        {chat && !invited ? (
          <button
            type={canCall ? 'button' : 'submit'}
            class={canCall ? undefined : 'connect-video-primary'}
            data-control="start-chat"
            data-autofocus={askName || canCall ? undefined : true}
            onClick={
              canCall
                ? () => {
                    if (valid())
                      controller.startChat(
                        askName ? name.trim() : (config.fields.displayName ?? ''),
                      );
                  }
                : undefined
            }
          >
            {messages.startChat}
          </button>
        ) : null}
        {canCall ? (
          <button
            type="button"
            data-control="device-check"
            onClick={() => {
              if (!valid()) return;
              controller.checkDevices(askName ? { displayName: name.trim() } : {});
            }}
          >
            {messages.checkDevices}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** While the browser shows its permission prompt. */
export function PermissionView({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  return (
    <div class="connect-video-connecting" aria-busy="true">
      <div class="connect-video-spinner" aria-hidden="true" />
      <p tabIndex={-1} data-autofocus>
        {messages.waitingForPermission}
      </p>
      <p class="connect-video-hint-text">
        {controller.config.customerVideo
          ? messages.permissionIntroVideo
          : messages.permissionIntroAudio}
      </p>
      <button type="button" onClick={controller.back}>
        {messages.cancel}
      </button>
    </div>
  );
}
