import { describe, expect, it } from 'vitest';
import { widgetStyles } from '../ui/styles';
import { launcherStyles } from './launcher-styles';

/** The declarations of the first rule with exactly this selector. */
function declarations(css: string, selector: string): string[] {
  const start = css.indexOf(`\n${selector} {`);
  if (start < 0) return [];
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  return body
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

describe('the loader launcher looks like the panel launcher', () => {
  for (const selector of ['.connect-video-launcher', '.connect-video-root']) {
    it(`has every declaration of ${selector} from the widget styles`, () => {
      const widget = declarations(widgetStyles, selector);
      expect(widget.length).toBeGreaterThan(0);
      const loader = declarations(launcherStyles, selector);
      for (const declaration of widget.filter((d) => !d.startsWith('color:')))
        expect(loader).toContain(declaration);
    });
  }

  it('defines the custom properties it uses as the widget does', () => {
    for (const name of [
      '--cv-accent',
      '--cv-accent-text',
      '--cv-font',
      '--cv-z',
      '--cv-focus',
      '--cv-danger',
      '--cv-bg',
      '--cv-text',
    ]) {
      const line = (css: string) => css.split('\n').find((l) => l.trim().startsWith(`${name}:`));
      expect(line(launcherStyles)).toBe(line(widgetStyles));
    }
  });
});
