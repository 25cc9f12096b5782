// Which resource Graph tokens are requested for. Entra ID issues Graph tokens only for the Graph resource of
// the tenant's cloud, whatever address the requests are then sent to (a gateway, a proxy, a test emulator).

/** Graph resource per national cloud, by Graph host (Microsoft Graph national cloud deployments). */
const RESOURCE_BY_GRAPH_HOST: Readonly<Record<string, string>> = {
  'graph.microsoft.com': 'https://graph.microsoft.com',
  'graph.microsoft.us': 'https://graph.microsoft.us',
  'dod-graph.microsoft.us': 'https://dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn': 'https://microsoftgraph.chinacloudapi.cn',
};

/** Graph resource per cloud, by sign-in host (US Government L5 shares L4's sign-in host: set graphScope there). */
const RESOURCE_BY_AUTHORITY_HOST: Readonly<Record<string, string>> = {
  'login.microsoftonline.com': 'https://graph.microsoft.com',
  'login.microsoftonline.us': 'https://graph.microsoft.us',
  'login.chinacloudapi.cn': 'https://microsoftgraph.chinacloudapi.cn',
  'login.partner.microsoftonline.cn': 'https://microsoftgraph.chinacloudapi.cn',
};

/**
 * The default token scope (`<Graph resource>/.default`): the resource of the Graph host when it is one of Microsoft's,
 * else the Graph of the sign-in host's cloud, else the global cloud's.
 */
export function defaultGraphScope(graphBaseUrl: string, authorityHost: string): string {
  const graphHost = new URL(graphBaseUrl).hostname.toLowerCase();
  const authority = new URL(authorityHost).hostname.toLowerCase();
  const resource = RESOURCE_BY_GRAPH_HOST[graphHost] ?? RESOURCE_BY_AUTHORITY_HOST[authority] ?? RESOURCE_BY_GRAPH_HOST['graph.microsoft.com']!;
  return `${resource}/.default`;
}

/** The resource part of a `.default` scope (`https://graph.microsoft.us/.default` → `https://graph.microsoft.us`). */
export function scopeResource(scope: string): string {
  return scope.replace(/\/\.default$/, '');
}
