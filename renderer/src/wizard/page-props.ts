// What every wizard page receives: the session, its own draft, and a way to replace the session view.
import type { WizardView } from '../../../shared/model/wizard.ts';
import type { Draft } from './draft.ts';

export type DraftOf<P extends Draft['page']> = Extract<Draft, { page: P }>;

export interface PageProps<P extends Draft['page']> {
  readonly view: WizardView;
  readonly draft: DraftOf<P>;
  setDraft(draft: DraftOf<P>): void;
  /** Replaces the session view after a page action (device code, refresh). */
  onView(view: WizardView): void;
  /** Sends a page at once (buttons that both choose and go on, e.g. "Use express settings"). */
  submit(draft: Draft): void;
  readonly busy: boolean;
}

/** The messages of the issues on a field (or on fields starting with it). */
export function fieldIssues(view: WizardView, field: string): string[] {
  return view.issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`) || i.field.startsWith(`${field}[`)).map((i) => i.message);
}
