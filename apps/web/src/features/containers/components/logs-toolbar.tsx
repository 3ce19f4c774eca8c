import { inputClass } from '../../../components/ui/ui.js';

const linkButton = 'text-sm text-sky-700 hover:underline dark:text-sky-400';

/** Search, Follow (and how the follow is doing), Refresh, jumps, Download — above the logs. */
export function LogsToolbar(props: {
  query: string;
  onQuery: (query: string) => void;
  follow: boolean;
  onFollow: (follow: boolean) => void;
  /** Running, and the user may follow. */
  followable: boolean;
  followStatus: string;
  onRefresh: () => void;
  onJump: (to: 'start' | 'end') => void;
  downloadHref: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <input
        aria-label="Search logs"
        placeholder="Search"
        className={`${inputClass} max-w-xs`}
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={props.follow}
          disabled={!props.followable}
          onChange={(e) => props.onFollow(e.target.checked)}
        />
        Follow
      </label>
      <span className="text-xs text-slate-500" role="status" data-testid="follow-status">
        {props.followStatus}
      </span>
      <button type="button" className={linkButton} onClick={props.onRefresh}>
        Refresh
      </button>
      <button type="button" className={linkButton} onClick={() => props.onJump('start')}>
        ↑ Start
      </button>
      <button type="button" className={linkButton} onClick={() => props.onJump('end')}>
        ↓ Newest
      </button>
      <a className={`ml-auto ${linkButton}`} href={props.downloadHref} download>
        Download logs
      </a>
    </div>
  );
}
