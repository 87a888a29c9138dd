/**
 * Open311's public side as the console shows it: the discovery document an outside client starts
 * from. It lives outside /api (no session, no CSRF), so it is read with a plain fetch.
 */
export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: string; formats: string[] }[];
}

export const DISCOVERY_PATH = '/open311/discovery.json';

export async function open311Discovery(): Promise<Open311Discovery> {
  const res = await fetch(DISCOVERY_PATH, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`discovery ${res.status}`);
  return (await res.json()) as Open311Discovery;
}
