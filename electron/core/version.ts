import packageJson from '../../package.json' with { type: 'json' };

export const CROSSDOCK_VERSION: string = packageJson.version;
