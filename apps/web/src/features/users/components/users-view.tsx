'use client';

import { useState } from 'react';
import { Button, PageHeader } from '../../../components/ui/ui.js';
import { DataTable, ListPage } from '../../../components/ui/list-page.js';
import { useUsers } from '../queries/use-users.js';
import { toUserViewModel } from '../user-view-model.js';
import { CreateUserDialog } from './create-user-dialog.js';
import { UserRow } from './user-row.js';

export function UsersView({ selfId }: { selfId: string }) {
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  return (
    <ListPage
      header={
        <PageHeader
          title="Users"
          actions={<Button onClick={() => setAdding(true)}>Add user</Button>}
        />
      }
      error={users.error}
      loading={users.isPending}
      loadingText="Loading users…"
      footer={<CreateUserDialog open={adding} onClose={() => setAdding(false)} />}
    >
      <DataTable headers={['Username', 'Role', 'Status', 'Last login', 'Actions']}>
        {(users.data ?? []).map((u) => (
          <UserRow key={u.id} vm={toUserViewModel(u, selfId)} />
        ))}
      </DataTable>
    </ListPage>
  );
}
