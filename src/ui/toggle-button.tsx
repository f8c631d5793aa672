import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './icons';

/** A control button: its label is its accessible name; toggles expose aria-pressed. */
export function ControlButton({
  label,
  icon,
  pressed,
  onClick,
  variant,
  control,
  expanded,
  children,
}: {
  label: string;
  icon: IconName;
  pressed?: boolean;
  onClick: () => void;
  variant?: 'danger';
  control: string;
  expanded?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class={`connect-video-control${variant ? ` connect-video-${variant}` : ''}`}
      aria-label={label}
      title={label}
      aria-pressed={pressed === undefined ? undefined : pressed}
      aria-expanded={expanded}
      data-control={control}
      onClick={onClick}
    >
      <Icon name={icon} />
      {children}
    </button>
  );
}
