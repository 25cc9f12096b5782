// The optional features page (§2.3 I): what IdSync offers, and for the rest why it is not available.
import type { FeatureId, FeatureView } from '../../shared/model/wizard.ts';

interface FeatureDef {
  readonly id: FeatureId;
  readonly label: string;
  readonly available: boolean;
  readonly note: string;
  readonly defaultOn: boolean;
}

/** Deletes above this count in one export need confirmation (the product's default). */
export const DEFAULT_DELETE_THRESHOLD = 500;

const FEATURES: readonly FeatureDef[] = [
  {
    id: 'delete-threshold', label: 'Prevent accidental deletes', available: true, defaultOn: true,
    note: `An export to Microsoft Entra ID that would delete more than ${DEFAULT_DELETE_THRESHOLD} objects stops and waits for an administrator.`,
  },
  {
    id: 'password-hash-sync', label: 'Password hash synchronization', available: false, defaultOn: false,
    note: 'Not available: the Microsoft Graph connector cannot write password hashes; users keep cloud-managed passwords.',
  },
  {
    id: 'exchange-hybrid', label: 'Exchange hybrid deployment', available: false, defaultOn: false,
    note: 'Not available: IdSync generates no Exchange writeback rules from Microsoft Entra ID to the directory.',
  },
  {
    id: 'exchange-public-folders', label: 'Exchange Mail Public Folders', available: false, defaultOn: false,
    note: 'Not available: public folder objects are not among the object types the directory connector imports.',
  },
  {
    id: 'app-attribute-filtering', label: 'Microsoft Entra app and attribute filtering', available: false, defaultOn: false,
    note: 'Not available in the wizard: leave attributes out by editing the outbound sync rules in the console.',
  },
  {
    id: 'password-writeback', label: 'Password writeback', available: false, defaultOn: false,
    note: 'Not available: needs the password reset relay service of Microsoft Entra ID, which IdSync does not implement.',
  },
  {
    id: 'group-writeback', label: 'Group writeback', available: false, defaultOn: false,
    note: 'Not available: IdSync does not provision cloud groups into the directory.',
  },
  {
    id: 'device-writeback', label: 'Device writeback', available: false, defaultOn: false,
    note: 'Not available: IdSync does not provision registered devices into the directory.',
  },
  {
    id: 'directory-extensions', label: 'Directory extension attribute sync', available: false, defaultOn: false,
    note: 'Not available: the Microsoft Graph connector does not create directory extension properties.',
  },
];

/** The feature list with the given ones switched on (unavailable features are always off). */
export function featureViews(enabled: readonly FeatureId[] | null): FeatureView[] {
  return FEATURES.map((f) => ({
    id: f.id, label: f.label, available: f.available, note: f.note,
    enabled: f.available && (enabled === null ? f.defaultOn : enabled.includes(f.id)),
  }));
}

/** Refuses features that are not available, naming each with its reason. */
export function unavailableChosen(enabled: readonly FeatureId[]): { id: FeatureId; message: string }[] {
  return FEATURES.filter((f) => !f.available && enabled.includes(f.id)).map((f) => ({ id: f.id, message: `${f.label}: ${f.note}` }));
}
