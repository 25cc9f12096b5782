// The out-of-box Entra Connect configuration: rules, metaverse schema and the options they come from.
export { generateDefaultRules, defaultRuleId, FIRST_DEFAULT_PRECEDENCE } from './generate.ts';
export { DefaultsOptions, ConnectorRef, type DefaultsOptionsInput } from './options.ts';
export { adaptToGraph, GRAPH_PROPERTY } from './graph-adaptation.ts';
export { defaultMetaverseSchema } from './metaverse-schema.ts';
export { applyDefaultConfiguration, DEFAULT_ENTRA_DELETE_THRESHOLD, type DefaultConfigurationInput, type ConnectorSpec } from './apply-defaults.ts';
export { parseSetupInput, connectorSpecs, refusePlainSecrets, AD_OBJECT_TYPES, type SetupInput, type SecretSource } from './setup-input.ts';
export { inOuScope, normalizeDn, isUnder, type OuFilter } from './filtering/ou-scope.ts';
export { checkOuRenames, type SelectedOu, type DirectoryContainer, type RenameReport, type OuFinding } from './filtering/ou-rename.ts';
export { filteringChanges, overridesFor, type ForestFiltering, type FilteringChange } from './filtering/filter-change.ts';
export { negativeFilter, positiveFilter, type FilterRuleTarget } from './filtering/attribute-filter.ts';
export { adAttributesOf, defaultAdAttributes } from './ad-attributes.ts';
export { recordOuSelection, checkConnectorOus, directoryOus, recordedSelection } from './filtering/ou-check.ts';
