/**
 * 阵地签到码: what the QR posted at a venue encodes, and the code read back from a scan or from
 * what a resident typed. The payload names what it is, so a phone that scans some other QR (a
 * rider's pass, a pickup code) is told so instead of sending a wrong code; it carries no address,
 * so a poster keeps working if the site moves. Pure: the console, the phone page and the server
 * share it.
 */
export const VENUE_CHECKIN_PREFIX = 'linli:venue-checkin:';

/** The text of a venue's check-in QR. */
export const venueCheckinPayload = (code: string) => `${VENUE_CHECKIN_PREFIX}${code}`;

/**
 * The venue code in a scanned payload or a typed bare code, upper-cased as the venue keeps it;
 * null when the text is neither (empty, another kind of QR, a URL).
 */
export function venueCheckinCode(text: string): string | null {
  const s = text.trim();
  const bare = s.toLowerCase().startsWith(VENUE_CHECKIN_PREFIX) ? s.slice(VENUE_CHECKIN_PREFIX.length).trim() : s;
  const code = bare.toUpperCase();
  return /^[0-9A-Z_-]{1,20}$/.test(code) ? code : null;
}
