'use client';

import Link from 'next/link';
import { PageHeader } from '../../../components/ui/ui.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useAlertChannels } from '../queries/use-alert-channels.js';
import { useAlertRules } from '../queries/use-alert-rules.js';
import { RulesCard } from './rules-card.js';
import { ChannelsCard } from './channels-card.js';
import { SilencesCard } from './silences-card.js';

/** Alerts → rules, notification channels and silences (admins). */
export function AlertRulesView() {
  const hosts = (useHosts().data ?? []).filter((h) => h.status !== 'revoked');
  const channels = useAlertChannels().data ?? [];
  const rules = useAlertRules().data ?? [];
  return (
    <>
      <PageHeader
        title="Alert rules"
        actions={
          <Link className="text-sm text-sky-700 underline dark:text-sky-400" href="/alerts">
            Alert history
          </Link>
        }
      />
      <div className="space-y-6">
        <RulesCard hosts={hosts} channels={channels} />
        <ChannelsCard channels={channels} />
        <SilencesCard hosts={hosts} rules={rules} />
      </div>
    </>
  );
}
