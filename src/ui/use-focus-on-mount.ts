import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Moves focus into newly shown content (a popover): its `[data-autofocus]` element, or itself. */
export function useFocusOnMount(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    (root?.querySelector<HTMLElement>('[data-autofocus]') ?? root)?.focus();
  }, []);
}
