/**
 * The address that shows a place on OpenStreetMap, opened in the person's own browser. Shoebox
 * fetches no map itself: the photo's position goes nowhere unless the person follows the link.
 */
export function mapUrl(latitude: number, longitude: number): string {
  const lat = latitude.toFixed(6);
  const lon = longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}
