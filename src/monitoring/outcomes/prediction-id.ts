/**
 * Prediction ids are UUIDv7 (RFC 9562): their first 48 bits are the Unix time
 * in milliseconds when the prediction was made. That tells which day's
 * prediction log holds a prediction, so an outcome is joined to its prediction
 * by reading one or two daily files, not the whole log.
 */

/**
 * The time encoded in a UUIDv7, or undefined for another UUID version.
 */
export function uuidV7Time(id: string): Date | undefined {
  const hex = id.replace(/-/g, '');
  if (hex.length !== 32 || hex[12] !== '7') return undefined;
  const ms = Number.parseInt(hex.slice(0, 12), 16);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** The UTC day (`YYYY-MM-DD`) a UUIDv7 was made on, or undefined. */
export function uuidV7Day(id: string): string | undefined {
  return uuidV7Time(id)?.toISOString().slice(0, 10);
}
