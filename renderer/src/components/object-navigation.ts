// Opening object dialogs from anywhere: a stack, so dialogs nest (run → object → metaverse → object …).
import { createContext, useContext } from 'react';

/** An object the console can open in a properties dialog. */
export type ObjectRef =
  | { readonly kind: 'cs'; readonly connector: string; readonly id?: string; readonly dn?: string }
  | { readonly kind: 'mv'; readonly id: string }
  | { readonly kind: 'snapshot'; readonly recordId: string; readonly connector: string };

export interface ObjectNavigation {
  /** Opens a dialog on top of the current ones. */
  open(ref: ObjectRef): void;
  /** Closes the topmost dialog. */
  close(): void;
}

export const ObjectNavigationContext = createContext<ObjectNavigation | null>(null);

/** The navigation of the nearest object dialog host; throws outside one, which is a wiring mistake. */
export function useObjectNavigation(): ObjectNavigation {
  const nav = useContext(ObjectNavigationContext);
  if (!nav) throw new Error('useObjectNavigation must be used inside <ObjectDialogs>');
  return nav;
}
