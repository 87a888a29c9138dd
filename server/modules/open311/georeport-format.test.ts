import { describe, expect, it } from 'vitest';
import { centroidOf, toXml, toXmlObject, xmlText } from './georeport-format.js';

describe('GeoReport formats', () => {
  it('should drop what XML 1.0 forbids and keep tab, newlines and everything else', () => {
    expect(xmlText('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\uFFFEh\uFFFFi\uD800j')).toBe('abcdefghij');
    expect(xmlText('\t\n\r \u0085\u00a0中文😀\uE000\uFFFD')).toBe('\t\n\r \u0085\u00a0中文😀\uE000\uFFFD');
  });

  it('should write lists with their items named in the singular and escape text', () => {
    expect(toXml('errors', 'error', [{ code: 400, description: '<a>&\u0001' }]))
      .toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors>\n  <error>\n    <code>400</code>\n    <description>&lt;a&gt;&amp;</description>\n  </error>\n</errors>\n');
    const doc = toXmlObject('discovery', { endpoints: [{ formats: ['text/xml'] }] });
    expect(doc).toContain('<endpoints>\n    <endpoint>\n      <formats>\n        <format>text/xml</format>');
  });

  it('should find the centre of an outline, and none without an area', () => {
    expect(centroidOf({ type: 'Polygon', coordinates: [[[111.1, 37.5], [111.11, 37.5], [111.11, 37.51], [111.1, 37.51], [111.1, 37.5]]] }))
      .toEqual({ lng: 111.105, lat: 37.505 });
    expect(centroidOf({ type: 'MultiPolygon', coordinates: [[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], [[[10, 0], [12, 0], [12, 2], [10, 2], [10, 0]]]] }))
      .toEqual({ lng: 6, lat: 1 });
    expect(centroidOf({ type: 'Point', coordinates: [1, 2] })).toBeNull();
    expect(centroidOf(null)).toBeNull();
    expect(centroidOf({ type: 'Polygon', coordinates: [[[1, 1], [1, 1], [1, 1]]] })).toBeNull();
  });
});
