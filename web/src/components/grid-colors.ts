/** One colour per grid type, shared by the map, the charts and their legends. */
export const GRID_TYPE_COLORS: Record<'enclosed' | 'scattered' | 'business' | 'none', string> = {
  enclosed: '#1677ff',
  scattered: '#52c41a',
  business: '#fa8c16',
  none: '#bfbfbf',
};
