import { useEffect, useState } from 'react';
import type { ImageSummary } from '../../../shared/index.js';
import { attempt } from '../state/core-call.js';
import { composeExample, type ComposeExample } from './compose-example.js';

/**
 * The editor's example for the chosen host, from the images that host has. Listed once per host
 * chosen; a host that cannot answer (or a locked vault: an example is no reason to ask for the
 * passphrase) gets the public image.
 */
export function useComposeExample(hostId: string): ComposeExample {
  const [images, setImages] = useState<{ hostId: string; items: ImageSummary[] } | null>(null);
  useEffect(() => {
    if (!hostId) return;
    let current = true;
    void attempt((api) => api.docker.images({ hosts: [hostId] }), { vault: false }).then((outcome) => {
      if (current) setImages({ hostId, items: outcome.ok ? outcome.value.items : [] });
    });
    return () => {
      current = false;
    };
  }, [hostId]);
  return composeExample(images?.hostId === hostId ? images.items : null);
}
