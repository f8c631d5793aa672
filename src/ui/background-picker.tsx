import type {
  BackgroundEffect,
  BackgroundModel,
  BackgroundProblem,
} from '../core/background-effect';
import { enUSBackground, type BackgroundMessages } from './background-messages';
import { useMessages } from './i18n';
import { format, type AllMessages, type Messages } from './messages';

/** Why the effect turned itself off, in the customer's language (the picker's and the call's notice). */
export function backgroundProblemText(messages: Messages, problem: BackgroundProblem): string {
  const all = { ...enUSBackground, ...messages } as AllMessages;
  return problem === 'too-slow' ? all.backgroundTooSlow : all.backgroundFailed;
}

const BUILT_IN_NAMES: Record<string, keyof BackgroundMessages> = {
  dawn: 'backdropDawn',
  sea: 'backdropSea',
  forest: 'backdropForest',
};

/**
 * The background effect's picker (off, blur, replacement images), for the device check and the
 * call's settings: shown only where the browser can run it. Why it turned itself off shows below.
 * It comes with the media chunk (media-module.ts), which also decides whether it is shown: the
 * panel renders it from the controller's `backgroundPicker`.
 */
export function BackgroundPicker({
  model,
  idPrefix,
}: {
  model: BackgroundModel;
  idPrefix: string;
}) {
  const messages = { ...enUSBackground, ...useMessages() } as AllMessages;
  if (!model.supported.value) return null;
  const id = `${idPrefix}-background`;
  const problem = model.problem.value;
  return (
    <div class="connect-video-field">
      <label for={id}>{messages.background}</label>
      <select
        id={id}
        data-control="background"
        value={model.effect.value}
        onChange={(e) => model.choose((e.target as HTMLSelectElement).value as BackgroundEffect)}
      >
        <option value="off">{messages.backgroundOff}</option>
        <option value="blur-low">{messages.backgroundBlurLow}</option>
        <option value="blur-high">{messages.backgroundBlurHigh}</option>
        {model.backdrops.map(({ id }) => (
          <option value={`replace:${id}`} key={id}>
            {messages[BUILT_IN_NAMES[id]!] ??
              format(messages.backdropImage, { number: id.slice(6) })}
          </option>
        ))}
      </select>
      {problem ? (
        <span class="connect-video-hint-text" role="status">
          {backgroundProblemText(messages, problem)}
        </span>
      ) : null}
    </div>
  );
}
