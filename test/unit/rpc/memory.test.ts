import { createMemoryPair } from '../../../shared/index.js';
import { describeContract } from './contract-suite.js';

describeContract('an in-memory pair', async () => {
  const [server, client] = createMemoryPair();
  return { server, client, close: async () => server.close() };
});
