// The console's tabs, in the order the Synchronization Service Manager shows them, then the rules editor.
export const TABS = [
  { id: 'operations', label: 'Operations' },
  { id: 'connectors', label: 'Connectors' },
  { id: 'designer', label: 'Metaverse Designer' },
  { id: 'search', label: 'Metaverse Search' },
  { id: 'rules', label: 'Synchronization Rules' },
] as const;

export type TabId = (typeof TABS)[number]['id'];
