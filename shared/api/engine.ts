// Engine methods: connectors, runs, connector spaces, metaverse, sync rules, preview, lineage, configuration.
// Built out by the engine; each group's schemas live in shared/model/.
export const engineMethods = {} as const;
