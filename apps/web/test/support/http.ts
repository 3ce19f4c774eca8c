/** A small cookie-keeping HTTP client for the API, sending our own Origin unless told otherwise. */
export class Client {
  cookie: string | null = null;
  constructor(
    readonly baseUrl: string,
    readonly origin: string | null = baseUrl,
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{
    status: number;
    body: Record<string, unknown> & { code?: string; message?: string };
  }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.origin ? { origin: this.origin } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? null : set.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async login(username: string, password: string) {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200)
      throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}

/**
 * Creates a user as `admin` and returns them signed in, with `password` as their own: a user an
 * admin creates must change the given password before anything else works.
 */
export async function readyUser(
  admin: Client,
  username: string,
  password: string,
  role: 'admin' | 'operator' | 'viewer',
): Promise<Client> {
  const initial = `${password}-initial`;
  const created = await admin.request('POST', '/api/users', {
    username,
    password: initial,
    role,
  });
  if (created.status !== 201) {
    throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const c = new Client(admin.baseUrl);
  await c.login(username, initial);
  const changed = await c.request('POST', '/api/auth/password', {
    currentPassword: initial,
    newPassword: password,
  });
  if (changed.status !== 200) {
    throw new Error(`changing ${username}'s password: ${changed.status}`);
  }
  return c;
}

export const facts = {
  hostname: 'test-box',
  kernel: '6.1.0-test',
  os: 'Debian GNU/Linux 12',
  arch: 'x64',
  cgroupVersion: 1 as const,
  cpus: 2,
  memoryBytes: 4 * 1024 ** 3,
  runtimes: { runc: '1.1.5', crun: null, conmon: '2.1.6' },
  agentVersion: '0.1.0-test',
};
