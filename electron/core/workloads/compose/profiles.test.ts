import { describe, expect, it } from 'vitest';
import type { ComposeInput } from '../../../../shared/index.js';
import { planDeploy, type ExistingContainer } from '../deploy/deploy-plan.js';
import { loadCompose } from './load-compose.js';

const FILE = `services:
  web:
    image: nginx
  debug:
    image: busybox
    profiles: [debug, tools]
  seed:
    image: busybox
    profiles: [setup]
`;
const load = (extra: Omit<ComposeInput, 'compose'> = {}, compose = FILE) => loadCompose({ compose, ...extra });

describe('profiles, as docker compose enables them', () => {
  it('leaves out services whose profiles are not enabled', () => {
    const loaded = load();
    expect(loaded.order).toEqual(['web']);
    expect(loaded.file?.disabledServices).toEqual({ debug: ['debug', 'tools'], seed: ['setup'] });
  });

  it('enables them with profiles, COMPOSE_PROFILES (variables, then .env) or *', () => {
    expect(load({ profiles: ['tools'] }).order).toEqual(['web', 'debug']);
    expect(load({ variables: { COMPOSE_PROFILES: 'setup,debug' } }).order).toEqual(['web', 'debug', 'seed']);
    expect(load({ files: { '.env': 'COMPOSE_PROFILES=setup\n' } }).order).toEqual(['web', 'seed']);
    expect(load({ profiles: ['*'] }).order).toEqual(['web', 'debug', 'seed']);
    expect(load({ profiles: ['debug'], variables: { COMPOSE_PROFILES: 'setup' } }).order).toEqual(['web', 'debug']);
  });

  it('refuses a required dependency on a left-out service, and drops one that is not required', () => {
    const needs = (required: boolean) =>
      `${FILE}  app:\n    image: app\n    depends_on:\n      seed: { condition: service_completed_successfully, required: ${required} }\n`;
    expect(load({}, needs(true)).issues.map((i) => `${i.line}: ${i.path}: ${i.message}`)).toEqual([
      '13: services.app.depends_on: service "seed" is left out: none of its profiles (setup) is enabled; enable one (--profile setup) or make the dependency required: false',
    ]);
    const optional = load({}, needs(false));
    expect(optional.issues).toEqual([]);
    expect(optional.file?.services.app?.dependsOn).toEqual({});
  });

  it('keeps the containers of a left-out service on a redeploy', () => {
    const container = (service: string): ExistingContainer => ({
      id: service,
      name: `p-${service}-1`,
      service,
      number: 1,
      configHash: 'h',
      imageId: 'i',
      running: true,
      oneoff: false,
    });
    const plan = planDeploy(
      [{ name: 'web', configHash: 'h', imageId: 'i' }],
      [container('web'), container('debug'), container('gone')],
      false,
      new Set(['debug']),
    );
    expect(plan.obsolete.map((c) => c.service)).toEqual(['gone']);
  });
});
