// The console's four tabs, in the order the Synchronization Service Manager shows them.
export const TABS = [
  { id: 'operations', label: 'Operations' },
  { id: 'connectors', label: 'Connectors' },
  { id: 'designer', label: 'Metaverse Designer' },
  { id: 'search', label: 'Metaverse Search' },
] as const;

export type TabId = (typeof TABS)[number]['id'];
