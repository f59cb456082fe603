import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endpointSettings, recreateFromInspect, type InspectedContainer } from './recreate-from-inspect.js';

// Captured from Docker 20.10 on a rig machine:
// compose-web: docker run --network fx_default --network-alias web -p 18080:8080
//   -p 127.0.0.1:18443:8443/udp -e A=1 -e B="two words" -v fxdata:/data
//   -v /etc/hostname:/host-hostname:ro -v /anon --tmpfs /scratch:size=1m --restart unless-stopped
//   --health-cmd … --user 1000:1000 -w /data --label com.docker.compose.project=fx …
//   --entrypoint /bin/sh --stop-signal SIGINT --stop-timeout 7 --cap-add NET_ADMIN
//   --add-host foo:10.0.0.1 --memory 64m crossdock-test-tiny:latest -c "sleep 1000"
// bridge-stopped: docker run --hostname plainbox -p 18081:80 -v fxplain:/srv (then stopped)
const fixture = (name: string): InspectedContainer =>
  JSON.parse(readFileSync(new URL(`./testdata/${name}.json`, import.meta.url), 'utf8')) as InspectedContainer;

const web = fixture('inspect-compose-web');
const plain = fixture('inspect-bridge-stopped');

describe('recreateFromInspect', () => {
  const spec = recreateFromInspect(web, {
    image: 'crossdock-test-tiny:latest',
    extraLabels: { 'crossdock.migration.id': 'm-1' },
  });
  const body = spec.body;
  const host = body.HostConfig ?? {};

  it('keeps the name, image, command, entrypoint, user and working directory', () => {
    expect(spec.name).toBe('fx-web');
    expect(body.name).toBe('fx-web');
    expect(body.Image).toBe('crossdock-test-tiny:latest');
    expect(body.Entrypoint).toEqual(['/bin/sh']);
    expect(body.Cmd).toEqual(['-c', 'sleep 1000']);
    expect(body.User).toBe('1000:1000');
    expect(body.WorkingDir).toBe('/data');
  });

  it('keeps the environment exactly, values with spaces included', () => {
    expect(body.Env).toEqual([
      'A=1',
      'B=two words',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ]);
  });

  it('keeps every label (compose ones too) and adds the migration id', () => {
    expect(body.Labels).toEqual({
      'com.docker.compose.project': 'fx',
      'com.docker.compose.service': 'web',
      'crossdock.rig.inputs': '2e35a181afc43891',
      'crossdock.migration.id': 'm-1',
    });
  });

  it('keeps the restart policy, healthcheck, stop signal and stop timeout', () => {
    expect(host.RestartPolicy).toEqual({ Name: 'unless-stopped', MaximumRetryCount: 0 });
    expect(body.Healthcheck).toEqual({
      Test: ['CMD-SHELL', 'test -f /data/ok || true'],
      Interval: 2_000_000_000,
      Retries: 3,
    });
    expect(body.StopSignal).toBe('SIGINT');
    expect(body.StopTimeout).toBe(7);
  });

  it('publishes the same ports on the same host addresses and exposes the same ones', () => {
    expect(host.PortBindings).toEqual({
      '8080/tcp': [{ HostIp: '', HostPort: '18080' }],
      '8443/udp': [{ HostIp: '127.0.0.1', HostPort: '18443' }],
    });
    expect(body.ExposedPorts).toEqual({ '8080/tcp': {}, '8443/udp': {} });
    expect(spec.publishedPorts).toEqual([
      { port: 18080, protocol: 'tcp', hostIp: undefined },
      { port: 18443, protocol: 'udp', hostIp: '127.0.0.1' },
    ]);
  });

  it('mounts named and anonymous volumes by name and keeps binds as binds, read-only where they were', () => {
    const anonymous = 'c0237389c9f3d24454b798a92c8892672f9b5810d7cf678a600ff74e9f58f93e';
    expect(host.Mounts).toEqual([
      { Type: 'volume', Source: 'fxdata', Target: '/data', ReadOnly: false },
      { Type: 'bind', Source: '/etc/hostname', Target: '/host-hostname', ReadOnly: true },
      { Type: 'volume', Source: anonymous, Target: '/anon', ReadOnly: false },
    ]);
    expect(spec.volumes).toEqual(['fxdata', anonymous]);
    expect(spec.binds).toEqual(['/etc/hostname']);
    // Binds would mount the same things twice alongside Mounts.
    expect(host.Binds).toBeUndefined();
    expect(host.Tmpfs).toEqual({ '/scratch': 'size=1m' });
  });

  it('joins the user-defined network at create with its aliases, minus the old container id', () => {
    expect(host.NetworkMode).toBe('fx_default');
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: { fx_default: { Aliases: ['web'] } } });
    expect(spec.networks).toEqual(['fx_default']);
    expect(spec.connect).toEqual([]);
  });

  it('keeps limits, capabilities, extra hosts and log settings; leaves engine defaults to the target', () => {
    expect(host.Memory).toBe(67108864);
    expect(host.MemorySwap).toBe(134217728);
    expect(host.CapAdd).toEqual(['NET_ADMIN']);
    expect(host.ExtraHosts).toEqual(['foo:10.0.0.1']);
    expect(host.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m' } });
    expect(host).not.toHaveProperty('MaskedPaths');
    expect(host).not.toHaveProperty('ReadonlyPaths');
    expect(host).not.toHaveProperty('CgroupnsMode');
    expect(host).not.toHaveProperty('ConsoleSize');
    // null in the inspect data means "not set": left out rather than sent as null.
    expect(host).not.toHaveProperty('CapDrop');
    expect(host).not.toHaveProperty('PidsLimit');
  });

  it('lets the target name the host after its own id unless a hostname was given', () => {
    expect(body).not.toHaveProperty('Hostname');
    expect(recreateFromInspect(plain, { image: 'x' }).body.Hostname).toBe('plainbox');
  });

  it('finds nothing unsupported in an ordinary container', () => {
    expect(spec.unsupported).toEqual([]);
    expect(spec.warnings).toEqual([]);
  });

  it('recreates a stopped container on the default bridge with its image command and no restart policy', () => {
    const p = recreateFromInspect(plain, { image: 'sha256:f6cf71a1d4b7' });
    expect(p.body.Image).toBe('sha256:f6cf71a1d4b7');
    expect(p.body.HostConfig?.NetworkMode).toBe('default');
    expect(p.body).not.toHaveProperty('NetworkingConfig');
    expect(p.networks).toEqual([]);
    expect(p.body.Cmd).toEqual(['/bin/sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done']);
    expect(p.body).not.toHaveProperty('Entrypoint');
    expect(p.body).not.toHaveProperty('Healthcheck');
    expect(p.body.HostConfig?.RestartPolicy).toEqual({ Name: 'no', MaximumRetryCount: 0 });
    expect(p.body.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '18081' }] });
    expect(p.volumes).toEqual(['fxplain']);
  });

  it('connects further networks after create, with static addresses kept', () => {
    const twoNetworks: InspectedContainer = structuredClone(web);
    twoNetworks.NetworkSettings.Networks.backend = {
      ...(web.NetworkSettings.Networks.fx_default as InspectedContainer['NetworkSettings']['Networks'][string]),
      Aliases: ['db-client', web.Id.slice(0, 12)],
      IPAMConfig: { IPv4Address: '172.30.0.9' },
    };
    const s = recreateFromInspect(twoNetworks, { image: 'x' });
    expect(s.networks).toEqual(['fx_default', 'backend']);
    expect(s.connect).toEqual([
      { network: 'backend', aliases: ['db-client'], ipv4Address: '172.30.0.9', ipv6Address: null },
    ]);
    expect(endpointSettings(s.connect[0] as (typeof s.connect)[number])).toEqual({
      Aliases: ['db-client'],
      IPAMConfig: { IPv4Address: '172.30.0.9' },
    });
  });

  it('reports what cannot move: shared namespaces, --volumes-from, links, --rm, other volume drivers', () => {
    const odd: InspectedContainer = structuredClone(plain);
    odd.HostConfig.NetworkMode = 'container:abc';
    odd.HostConfig.VolumesFrom = ['other'];
    odd.HostConfig.Links = ['/db:/plain/db'];
    odd.HostConfig.AutoRemove = true;
    odd.Mounts = [{ ...(plain.Mounts[0] as InspectedContainer['Mounts'][number]), Driver: 'nfs-driver' }];
    const s = recreateFromInspect(odd, { image: 'x' });
    expect(s.unsupported).toHaveLength(5);
    expect(s.unsupported.join('\n')).toMatch(/network namespace of another container \(container:abc\)/);
    expect(s.unsupported.join('\n')).toMatch(/--volumes-from other/);
    expect(s.unsupported.join('\n')).toMatch(/--link/);
    expect(s.unsupported.join('\n')).toMatch(/--rm/);
    expect(s.unsupported.join('\n')).toMatch(/"nfs-driver" driver/);
    expect(s.networks).toEqual([]);
  });

  it('warns about random published ports and host devices', () => {
    const odd: InspectedContainer = structuredClone(plain);
    odd.HostConfig.PublishAllPorts = true;
    odd.HostConfig.Devices = [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }];
    const s = recreateFromInspect(odd, { image: 'x' });
    expect(s.warnings).toHaveLength(2);
    expect(s.body.HostConfig?.Devices).toEqual(odd.HostConfig.Devices);
  });

  it('keeps bind propagation when it is not the default', () => {
    const odd: InspectedContainer = structuredClone(web);
    odd.Mounts = [{ Type: 'bind', Source: '/mnt', Destination: '/mnt', Mode: '', RW: true, Propagation: 'rshared' }];
    expect(recreateFromInspect(odd, { image: 'x' }).body.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/mnt', Target: '/mnt', ReadOnly: false, BindOptions: { Propagation: 'rshared' } },
    ]);
  });
});
