'use client';

import { useState } from 'react';
import { ErrorText, tableClass, tdClass, thClass } from '../../../components/ui/ui.js';
import { childPath, formatSize, parentPath } from '../format-size.js';
import { useVolumeFiles, volumeFileUrl } from '../queries/use-volume-files.js';

/**
 * A read-only view of a volume's files: directories to open, sizes, links shown with their target
 * (never followed), files to download. The agent confines every path to the volume.
 */
export function VolumeBrowser({ hostId, name }: { hostId: string; name: string }) {
  const [path, setPath] = useState('/');
  const files = useVolumeFiles(hostId, name, path);
  return (
    <div className="space-y-2" data-testid="volume-browser">
      <p className="text-sm">
        <span className="text-slate-500">{name}:</span>{' '}
        <span className="font-mono" data-testid="volume-path">
          {path}
        </span>
        {path !== '/' ? (
          <button
            type="button"
            className="ml-3 text-sky-700 hover:underline dark:text-sky-400"
            onClick={() => setPath(parentPath(path))}
          >
            Up
          </button>
        ) : null}
      </p>
      <ErrorText error={files.error} />
      {files.data ? (
        <table className={tableClass} aria-label={`Files of ${name}`}>
          <thead>
            <tr>
              <th className={thClass}>Name</th>
              <th className={thClass}>Size</th>
              <th className={thClass}>Mode</th>
              <th className={thClass}>Modified</th>
            </tr>
          </thead>
          <tbody>
            {files.data.entries.length === 0 ? (
              <tr>
                <td className={`${tdClass} text-slate-500`} colSpan={4}>
                  Empty.
                </td>
              </tr>
            ) : null}
            {files.data.entries.map((e) => (
              <tr key={e.name} data-testid="volume-entry" data-type={e.type} data-name={e.name}>
                <td className={tdClass}>
                  {e.type === 'directory' ? (
                    <button
                      type="button"
                      className="font-medium text-sky-700 hover:underline dark:text-sky-400"
                      onClick={() => setPath(childPath(path, e.name))}
                    >
                      {e.name}/
                    </button>
                  ) : e.type === 'file' ? (
                    <a
                      href={volumeFileUrl(hostId, name, 'download', childPath(path, e.name))}
                      download={e.name}
                      className="text-sky-700 hover:underline dark:text-sky-400"
                    >
                      {e.name}
                    </a>
                  ) : (
                    <span>
                      {e.name}
                      {e.target !== undefined ? (
                        <span className="text-slate-500"> → {e.target}</span>
                      ) : null}
                    </span>
                  )}
                </td>
                <td className={tdClass}>{e.type === 'directory' ? '–' : formatSize(e.size)}</td>
                <td className={`${tdClass} font-mono text-xs`}>{e.mode}</td>
                <td className={tdClass}>{new Date(e.modifiedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {files.data?.truncated ? (
        <p className="text-xs text-slate-500">Only the first 1000 entries are shown.</p>
      ) : null}
    </div>
  );
}
