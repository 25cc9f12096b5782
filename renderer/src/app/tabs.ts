// The console's tabs, in the order the Synchronization Service Manager shows them, then the rules editor.
export const TABS = [
  { id: 'operations', label: 'Operations' },
  { id: 'connectors', label: 'Connectors' },
  { id: 'designer', label: 'Metaverse Designer' },
  { id: 'search', label: 'Metaverse Search' },
  { id: 'rules', label: 'Synchronization Rules' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

/** The tab a URL names; Operations for none or an unknown one. */
export function tabOf(value: string | null): TabId {
  return TABS.find((t) => t.id === value)?.id ?? 'operations';
}
