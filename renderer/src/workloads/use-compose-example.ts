import { useEffect, useState } from 'react';
import type { ImageSummary } from '../../../shared/index.js';
import { attempt } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { composeExample, type ComposeExample } from './compose-example.js';

interface HostImages {
  hostId: string;
  images: ImageSummary[];
  inUse: string[];
}

/**
 * The editor's example for the chosen host, from the images that host has and those its running
 * containers use. Listed when a host is chosen and again once it is connected; a host that cannot
 * answer (or a locked vault: an example is no reason to ask for the passphrase) gets the public image.
 */
export function useComposeExample(hostId: string): ComposeExample {
  const status = useCrossdock((state) => state.hosts.find((host) => host.id === hostId)?.status);
  const [listed, setListed] = useState<HostImages | null>(null);
  useEffect(() => {
    if (!hostId) return;
    let current = true;
    void Promise.all([
      attempt((api) => api.docker.images({ hosts: [hostId] }), { vault: false }),
      attempt((api) => api.docker.containers({ hosts: [hostId], all: false }), { vault: false }),
    ]).then(([images, containers]) => {
      if (!current) return;
      setListed({
        hostId,
        images: images.ok ? images.value.items : [],
        inUse: containers.ok ? containers.value.items.map((container) => container.image) : [],
      });
    });
    return () => {
      current = false;
    };
  }, [hostId, status === 'connected']);
  const mine = listed?.hostId === hostId ? listed : null;
  return composeExample(mine?.images ?? null, mine?.inUse ?? []);
}
