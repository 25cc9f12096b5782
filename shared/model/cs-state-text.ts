// Connector space states in plain language, for the console's grids and the engine's CSV files.

const TEXT: Readonly<Record<string, string>> = {
  'connector.normal': 'Connector',
  'connector.explicit': 'Explicit connector',
  'disconnector.normal': 'Disconnector',
  'disconnector.filtered': 'Filtered disconnector',
  'disconnector.explicit': 'Explicit disconnector',
  placeholder: 'Placeholder',
};

/** Plain-language name of a connector space state. */
export function stateText(state: string, transient = false): string {
  return `${TEXT[state] ?? state}${transient ? ' (transient)' : ''}`;
}
