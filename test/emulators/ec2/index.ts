/** The EC2 (+ SSM) wire emulator for integration tests. See test/emulators/README.md. */
export { startEc2Emulator, type Ec2Emulator, type Ec2EmulatorOptions } from './server.js';
