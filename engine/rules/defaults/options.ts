// What the default configuration is generated from: the connectors and the wizard's choices.
import { z } from 'zod';

export const ConnectorRef = z.object({
  connectorId: z.string().min(1),
  connectorName: z.string().min(1),
  /** Group-based filtering (§5.4, pilots): only direct members of this group (DN) are projected from this forest. */
  groupFilterDn: z.string().min(1).optional(),
});
export type ConnectorRef = z.infer<typeof ConnectorRef>;

export const DefaultsOptions = z.object({
  /** AD connectors in the order they were added (the first forest wins ties, §4.4). */
  forests: z.array(ConnectorRef).min(1, 'at least one AD forest connector is required'),
  entra: ConnectorRef,
  /** Chosen once at installation (§4.6). */
  sourceAnchor: z.enum(['ms-DS-ConsistencyGuid', 'objectGUID']).default('ms-DS-ConsistencyGuid'),
  /** "Uniquely identifying your users" (§4.5): 'unique' = represented once; 'objectSid' = account/resource forests. */
  userMatching: z.enum(['unique', 'objectSid']).default('unique'),
  groupMemberLimit: z.number().int().positive().default(250_000),
  /**
   * 'graph' adapts the Entra side of the rules to IdSync's Microsoft Graph connector; 'entra-connect' keeps the
   * attribute names of Entra Connect's own Entra connector (for comparison and export).
   */
  target: z.enum(['graph', 'entra-connect']).default('graph'),
});
export type DefaultsOptions = z.infer<typeof DefaultsOptions>;
export type DefaultsOptionsInput = z.input<typeof DefaultsOptions>;
