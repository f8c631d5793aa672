import { createBackgroundModel, type BackgroundModel } from '../../core/background-effect';
import type { WidgetConfig } from '../../core/config';
import { BackgroundPicker, backgroundProblemText } from '../../ui/background-picker';
import { canProcessBackground } from './can-process-background';

export interface BackgroundOption {
  model: BackgroundModel;
  /** The picker's view and the notice's words come with the media chunk, not the panel. */
  Picker: typeof BackgroundPicker;
  problemText: typeof backgroundProblemText;
}

/**
 * The customer's background effect with its picker: offered where the camera is and the browser
 * can run the effect (`customerVideo`, canProcessBackground), with the host's `backgroundImages`.
 */
export function createBackgroundOption({
  backgroundImages,
  customerVideo,
}: Pick<WidgetConfig, 'backgroundImages' | 'customerVideo'>): BackgroundOption {
  return {
    model: createBackgroundModel(backgroundImages, customerVideo && canProcessBackground()),
    Picker: BackgroundPicker,
    problemText: backgroundProblemText,
  };
}
