// Connector parameters usable in expressions (spec §1.2): %Connector.ID%, %Domain.FQDN%, %Forest.Netbios%, ...
import type { ConnectorRecord } from '../store/connector-store.ts';

/** The FQDN of a DN's domain components (`DC=contoso,DC=com` → `contoso.com`), or null without any. */
export function dnToFqdn(dn: string): string | null {
  const labels = dn
    .split(/(?<!\\),/)
    .map((rdn) => rdn.trim())
    .filter((rdn) => /^dc=/i.test(rdn))
    .map((rdn) => rdn.slice(3));
  return labels.length ? labels.join('.') : null;
}

/** The parameters of one connector: its id, and for directories the domain and forest of its first naming context. */
export function connectorParameters(c: ConnectorRecord): Record<string, string> {
  const params: Record<string, string> = { 'Connector.ID': c.id, 'Connector.Name': c.name };
  const cfg = c.config;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((b): b is string => typeof b === 'string') : []);
  // The naming context, or else the domain part of the first container in scope.
  const scopeDn = strings(cfg.baseDns)[0] ?? strings(cfg.includeContainers)[0];
  const fqdn = scopeDn ? dnToFqdn(scopeDn) : null;
  const base = fqdn ? fqdn.split('.').map((l) => `DC=${l}`).join(',') : undefined;
  if (base && fqdn) {
    const netbios = (typeof cfg.netbiosName === 'string' && cfg.netbiosName) || fqdn.split('.')[0]!.toUpperCase();
    Object.assign(params, {
      'Domain.FQDN': fqdn,
      'Domain.LDAP': base,
      'Domain.Netbios': netbios,
      // One domain per forest unless the configuration names the forest root.
      'Forest.FQDN': (typeof cfg.forestFqdn === 'string' && cfg.forestFqdn) || fqdn,
      'Forest.LDAP': base,
      'Forest.Netbios': (typeof cfg.forestNetbios === 'string' && cfg.forestNetbios) || netbios,
    });
  }
  // Explicit values in the configuration win (e.g. a NetBIOS name that differs from the first DNS label).
  if (cfg.parameters && typeof cfg.parameters === 'object') {
    for (const [k, v] of Object.entries(cfg.parameters as Record<string, unknown>)) if (typeof v === 'string') params[k] = v;
  }
  return params;
}
