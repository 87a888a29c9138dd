import { describe, expect, it } from 'vitest';
import { mayLaunch } from './campaigns.policy.js';

describe('campaigns policy', () => {
  it('should let a street or county launch a campaign at its own level only', () => {
    expect(mayLaunch('street_admin', 'street')).toEqual({ ok: true });
    expect(mayLaunch('county_admin', 'county')).toEqual({ ok: true });
    expect(mayLaunch('street_admin', 'community')).toMatchObject({ ok: false });
    expect(mayLaunch('community_secretary', 'community')).toMatchObject({ ok: false, reason: '只有街道或区县可以发起专项行动' });
  });
});
