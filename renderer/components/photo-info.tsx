import { useEffect } from 'react';
import { mapUrl } from '../../contract/map-link';
import type { PhotoDetail, PhotoInfo } from '../../contract/photos';
import { shoebox } from '../bridge/shoebox';
import { formatBytes, formatDateTime } from '../format';
import { usePhotoInfo } from '../state/photo-info-store';

/** The info panel: what the camera wrote (lens, exposure, place) and what the file is. */
export function PhotoInfoPanel({ photo }: { readonly photo: PhotoDetail }) {
  const info = usePhotoInfo((state) => (state.info?.id === photo.id ? state.info.value : null));
  useEffect(() => {
    void usePhotoInfo.getState().load(photo.id);
  }, [photo.id]);

  const facts: [string, string | null][] = [
    ['Taken', takenText(photo, info)],
    ['Added', formatDateTime(photo.importedAt)],
    ['Camera', info?.camera ?? photo.camera],
    ['Lens', info?.lens ?? null],
    ['Focal length', info?.focalLength ? `${round(info.focalLength, 1)} mm` : null],
    ['Aperture', info?.aperture ? `ƒ/${round(info.aperture, 1)}` : null],
    ['Shutter', info?.exposureTime ? shutterText(info.exposureTime) : null],
    ['ISO', info?.iso ? String(info.iso) : null],
    ['Dimensions', `${photo.width} × ${photo.height} (${megapixels(photo)} MP)`],
    ['File', `${photo.format.toUpperCase()}, ${formatBytes(photo.byteSize)}`],
  ];
  return (
    <dl className="facts">
      {facts
        .filter((fact): fact is [string, string] => fact[1] !== null)
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      {info?.gps && <PlaceFact gps={info.gps} />}
    </dl>
  );
}

function PlaceFact({ gps }: { readonly gps: NonNullable<PhotoInfo['gps']> }) {
  const { latitude, longitude } = gps;
  const where = `${Math.abs(latitude).toFixed(5)}° ${latitude >= 0 ? 'N' : 'S'}, ${Math.abs(longitude).toFixed(5)}° ${longitude >= 0 ? 'E' : 'W'}`;
  return (
    <div>
      <dt>Place</dt>
      <dd>
        {where}{' '}
        <a
          href={mapUrl(latitude, longitude)}
          target="_blank"
          rel="noopener noreferrer"
          onClick={(event) => {
            // The desktop window opens no pages itself: main hands the address to the browser.
            if (shoebox().host !== 'electron') return;
            event.preventDefault();
            void usePhotoInfo.getState().openMap(latitude, longitude);
          }}
        >
          Open in map
        </a>
      </dd>
    </div>
  );
}

const round = (value: number, digits: number) => Number(value.toFixed(digits)).toString();

function megapixels(photo: Pick<PhotoDetail, 'width' | 'height'>): string {
  return round((photo.width * photo.height) / 1_000_000, 1);
}

/** 1/250 s for short exposures, 2.5 s for long ones. */
function shutterText(seconds: number): string {
  if (seconds >= 1) return `${round(seconds, 1)} s`;
  return `1/${Math.round(1 / seconds)} s`;
}

const wallClock = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/**
 * When it was taken, as the camera's clock read it, with the camera's offset from UTC when it
 * wrote one ("6 May 2024, 07:08 (UTC+02:00)"); honest when the file holds no date.
 */
function takenText(photo: PhotoDetail, info: PhotoInfo | null): string {
  const local = info?.takenLocal;
  if (local) {
    const [date = '', time = ''] = local.split('T');
    const [y, mo, d] = date.split('-').map(Number);
    const [h, mi, s] = time.split(':').map(Number);
    const shown = wallClock.format(
      Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0),
    );
    return info.takenOffset ? `${shown} (UTC${info.takenOffset})` : `${shown} (camera’s time)`;
  }
  return photo.takenAt === null ? 'Not in the file' : formatDateTime(photo.takenAt);
}
