/** How the core reaches a host's Docker engine. */
export type HostKind = 'local' | 'ssh';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'error';

/** A Docker host as the renderer sees it: never any key material, only whether there is one. */
export interface HostInfo {
  id: string;
  name: string;
  kind: HostKind;
  /** `user@address:port` for SSH hosts, the socket path for the local engine. */
  endpoint: string;
  status: ConnectionStatus;
  hasCredential: boolean;
}
