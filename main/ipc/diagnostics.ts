import type { AppInfo } from '../../contract/channels';
import type { CloudStatus } from '../../contract/cloud';
import type { LabelFailure } from '../../contract/labels';
import type { AppSettings } from '../../contract/settings';
import type { ShoeboxConfig } from '../config/shoebox-config';
import { redactText } from '../model/logger';

/** What a bug report needs, gathered when the person asks for it. */
export interface DiagnosticsSources {
  readonly info: AppInfo;
  readonly settings: AppSettings;
  /** The backend the app talks to; null without one. */
  readonly cloud: ShoeboxConfig | null;
  readonly signedIn: boolean;
  readonly cloudStatus: CloudStatus;
  readonly labelFailures: readonly LabelFailure[];
  /** The log's last lines, already redacted (library/json-log.ts). */
  readonly recentLog: readonly string[];
  readonly now: number;
}

const failuresShown = 20;

/**
 * The "Copy diagnostics" text: versions, settings, which backend (no ids beyond its region and
 * bucket), queue states, the last errors and recent log lines. Redacted once more as a whole, so
 * nothing secret can ride along in a message.
 */
export function diagnosticsText(sources: DiagnosticsSources): string {
  const { info, cloud, cloudStatus: status } = sources;
  const report = {
    at: new Date(sources.now).toISOString(),
    app: { version: info.version, host: info.host, photos: info.photoCount },
    runtime: {
      node: process.versions.node,
      electron: Object.hasOwn(process.versions, 'electron') ? process.versions['electron'] : null,
      platform: `${process.platform} ${process.arch}`,
    },
    settings: sources.settings,
    backend: cloud
      ? {
          region: cloud.region,
          bucket: cloud.bucket,
          cloudLabelling: cloud.cloudLabelling,
          identityProviders: cloud.identityProviders,
          localEndpoints: cloud.endpoints !== undefined,
        }
      : null,
    signedIn: sources.signedIn,
    uploads: {
      state: status.state,
      message: status.message,
      queued: status.queued,
      paused: status.paused,
      failed: status.failed,
      uploaded: status.uploaded,
      active: status.active.length,
    },
    sync: status.sync,
    cloudLabelling: status.cloudLabelling ?? null,
    couldNotLabel: {
      count: sources.labelFailures.length,
      last: sources.labelFailures.slice(0, failuresShown).map((f) => ({
        file: f.filename,
        reason: f.reason,
        attempts: f.attempts,
      })),
    },
  };
  const log = sources.recentLog.length > 0 ? sources.recentLog.join('\n') : '(no log lines yet)';
  return redactText(
    `Shoebox diagnostics\n\n${JSON.stringify(report, null, 2)}\n\nRecent log lines:\n${log}\n`,
  );
}
