// Hosts the stack of object dialogs for a view, so any grid or link can open an object and dialogs nest.
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ObjectNavigationContext, type ObjectNavigation, type ObjectRef } from '../components/object-navigation.ts';
import { CsObjectDialog } from './CsObjectDialog.tsx';
import { MvObjectDialog } from '../search/MvObjectDialog.tsx';
import { SnapshotDialog } from '../operations/SnapshotDialog.tsx';

/** Provides object navigation to its children and renders the open dialogs, newest on top. */
export function ObjectDialogs({ children }: { children: ReactNode }) {
  const [stack, setStack] = useState<ObjectRef[]>([]);
  const nav = useMemo<ObjectNavigation>(
    () => ({
      open: (ref) => setStack((s) => [...s, ref]),
      close: () => setStack((s) => s.slice(0, -1)),
    }),
    [],
  );
  return (
    <ObjectNavigationContext.Provider value={nav}>
      {children}
      {stack.map((ref, i) => {
        // Closing any dialog closes it and those opened from it.
        const close = () => setStack((s) => s.slice(0, i));
        const key = `${i}-${JSON.stringify(ref)}`;
        if (ref.kind === 'cs') return <CsObjectDialog key={key} connector={ref.connector} id={ref.id} dn={ref.dn} onClose={close} />;
        if (ref.kind === 'mv') return <MvObjectDialog key={key} id={ref.id} onClose={close} />;
        return <SnapshotDialog key={key} recordId={ref.recordId} connector={ref.connector} onClose={close} />;
      })}
    </ObjectNavigationContext.Provider>
  );
}
