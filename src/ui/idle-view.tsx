import { useState } from 'preact/hooks';
import { useMessages } from './i18n';
import type { WidgetController } from './widget-controller';

const MAX_NAME = 256;

/** The first screen: why the call, the customer's name when needed, and the start button. */
export function IdleView({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const askName = controller.config.askForName || !controller.config.fields.displayName;
  const [name, setName] = useState(controller.config.fields.displayName ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!askName) {
      controller.start();
      return;
    }
    const trimmed = name.trim();
    if (!trimmed) return setProblem(messages.nameRequired);
    if ([...trimmed].length > MAX_NAME) return setProblem(messages.nameTooLong);
    setProblem(undefined);
    controller.submitName(trimmed);
  };
  return (
    <form class="connect-video-idle" onSubmit={onSubmit} noValidate>
      <p>{messages.nameFormIntro}</p>
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
      <button
        type="submit"
        class="connect-video-primary"
        data-autofocus={askName ? undefined : true}
      >
        {messages.startCall}
      </button>
    </form>
  );
}
