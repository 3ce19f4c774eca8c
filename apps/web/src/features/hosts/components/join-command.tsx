'use client';

import { useState } from 'react';
import { Button } from '../../../components/ui/ui.js';
import type { CreateHostResultDto } from '../../../lib/dto/host.js';

/** The one-line command an admin runs on the new host, with copy and expiry. */
export function JoinCommand({ result }: { result: CreateHostResultDto }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(result.command);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="space-y-2">
      <p className="text-sm">
        Run this as root on the new host. The token works once and expires at{' '}
        {new Date(result.expiresAt).toLocaleString()}.
      </p>
      <pre
        className="overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
        data-testid="join-command"
      >
        {result.command}
      </pre>
      <div className="flex items-center gap-2">
        <Button variant="secondary" onClick={copy}>
          Copy command
        </Button>
        {copied ? (
          <span role="status" className="text-sm text-green-700 dark:text-green-400">
            Copied
          </span>
        ) : null}
      </div>
    </div>
  );
}
