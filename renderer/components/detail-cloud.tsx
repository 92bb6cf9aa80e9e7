import type { PhotoDetail } from '../../contract/photos';
import { selectSignedIn, useAuth } from '../state/auth-store';
import { useCloud } from '../state/cloud-store';
import { CloudBadge, showsCloudState } from './cloud-badge';

/** Where the photo is with the cloud, why an upload failed, and that photo's upload controls. */
export function DetailCloud({ photo }: { readonly photo: PhotoDetail }) {
  const signedIn = useAuth(selectSignedIn);
  const problem = useCloud((state) => state.problem);
  const { control } = useCloud.getState();
  const { id, cloud } = photo;
  const pausable = cloud === 'queued' || cloud === 'uploading';

  return (
    <section className="detail-section detail-cloud" aria-label="Cloud">
      {showsCloudState(cloud, signedIn) && <CloudBadge state={cloud} showText />}
      {cloud === 'failed' && photo.cloudError && <p className="cloud-error">{photo.cloudError}</p>}
      <div className="actions">
        {cloud === 'failed' && (
          <button type="button" onClick={() => void control('resume', id)}>
            Retry upload
          </button>
        )}
        {pausable && (
          <button type="button" onClick={() => void control('pause', id)}>
            Pause upload
          </button>
        )}
        {cloud === 'paused' && (
          <button type="button" onClick={() => void control('resume', id)}>
            Resume upload
          </button>
        )}
        {(pausable || cloud === 'paused') && (
          <button type="button" onClick={() => void control('cancel', id)}>
            Cancel upload
          </button>
        )}
      </div>
      {!photo.originalLocal && (
        <p className="muted">Original is in the cloud — fetched when opened</p>
      )}
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
