import type { BackgroundEffect, BackgroundModel } from '../core/background-effect';
import { useMessages } from './i18n';
import { format, type Messages } from './messages';

const BUILT_IN_NAMES: Record<string, keyof Messages> = {
  dawn: 'backdropDawn',
  sea: 'backdropSea',
  forest: 'backdropForest',
};

/**
 * The background effect's picker (off, blur, replacement images), for the device check and the
 * call's settings: shown only where the browser can run it. Why it turned itself off shows below.
 */
export function BackgroundPicker({
  model,
  idPrefix,
}: {
  model: BackgroundModel | undefined;
  idPrefix: string;
}) {
  const messages = useMessages();
  if (!model?.supported.value) return null;
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
          {messages[problem === 'too-slow' ? 'backgroundTooSlow' : 'backgroundFailed']}
        </span>
      ) : null}
    </div>
  );
}
