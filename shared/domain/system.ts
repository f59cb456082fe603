/** Where the API is being served from. */
export type ClientMode = 'electron' | 'web' | 'cli' | 'test';

export type ThemePreference = 'system' | 'light' | 'dark';

export interface SystemInfo {
  version: string;
  mode: ClientMode;
  /** The data directory: settings, inventory, vault and job journal. */
  dataDir: string;
  platform: string;
  nodeVersion: string;
}

/** User settings, persisted in the data directory's settings file. */
export interface Settings {
  theme: ThemePreference;
}
